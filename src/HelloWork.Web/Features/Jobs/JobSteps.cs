using System.Globalization;
using System.Text.RegularExpressions;
using HelloWork.Web.Domain;
using HelloWork.Web.Http;

namespace HelloWork.Web.Features.Jobs;

/// <summary>
/// The steps a job is filed in (JOB-1): each step is one form with some of the posting's fields,
/// saved on its own as a draft. Every field of <see cref="JobPosting"/> is in exactly one step.
/// </summary>
public sealed record JobStep(string Slug, int Number, IReadOnlyList<string> Fields)
{
    public string TitleKey => $"jobs.step.{Slug}";
}

public static partial class JobSteps
{
    public const int TitleMax = 100;
    public const int DescriptionMax = 2000;
    public const int AddressMax = 200;
    public const int HoursNoteMax = 200;
    public const int DaysOffMax = 200;
    public const int RequirementMax = 500;
    public const int SelectionNoteMax = 300;
    public const int WageLimit = 100_000_000;
    public const int OpeningsLimit = 999;

    public static readonly JobStep Work = new("work", 1, [nameof(JobForm.Title), nameof(JobForm.OccupationCode), nameof(JobForm.Description)]);
    public static readonly JobStep Place = new("place", 2, [nameof(JobForm.PrefectureCode), nameof(JobForm.CityCode), nameof(JobForm.Address), nameof(JobForm.WorkplaceUnnamed)]);
    public static readonly JobStep Terms = new("terms", 3, [nameof(JobForm.Schedule), nameof(JobForm.EmploymentType), nameof(JobForm.WageMin), nameof(JobForm.WageMax), nameof(JobForm.WageUnit)]);
    public static readonly JobStep Hours = new("hours", 4, [nameof(JobForm.HoursFrom), nameof(JobForm.HoursTo), nameof(JobForm.HoursNote), nameof(JobForm.DaysOff)]);
    public static readonly JobStep Apply = new("apply", 5,
    [
        nameof(JobForm.DocPost), nameof(JobForm.DocInPerson), nameof(JobForm.DocMyPage),
        nameof(JobForm.SelDocuments), nameof(JobForm.SelInterview), nameof(JobForm.SelWrittenTest), nameof(JobForm.SelOther),
        nameof(JobForm.SelectionNote), nameof(JobForm.ReferralDeadline), nameof(JobForm.Openings),
        nameof(JobForm.RequiredExperience), nameof(JobForm.RequiredLicenses), nameof(JobForm.SelfApplication),
    ]);

    public static readonly IReadOnlyList<JobStep> All = [Work, Place, Terms, Hours, Apply];

    public static JobStep? Find(string? slug) => All.FirstOrDefault(s => s.Slug == slug);

    public static JobStep? After(JobStep step) => All.FirstOrDefault(s => s.Number == step.Number + 1);

    /// <summary>The form as it shows what is saved.</summary>
    public static JobForm FormOf(JobPosting p) => new()
    {
        Title = p.Title,
        OccupationCode = p.OccupationCode,
        Description = p.Description,
        PrefectureCode = p.PrefectureCode,
        CityCode = p.CityCode,
        Address = p.Address,
        WorkplaceUnnamed = !p.WorkplaceNamed,
        Schedule = p.Schedule,
        EmploymentType = p.EmploymentType,
        WageMin = p.WageMin?.ToString(CultureInfo.InvariantCulture),
        WageMax = p.WageMax?.ToString(CultureInfo.InvariantCulture),
        WageUnit = p.WageUnit,
        HoursFrom = p.HoursFrom,
        HoursTo = p.HoursTo,
        HoursNote = p.HoursNote,
        DaysOff = p.DaysOff,
        DocPost = p.DocumentMethods.HasFlag(DocumentMethods.Post),
        DocInPerson = p.DocumentMethods.HasFlag(DocumentMethods.InPerson),
        DocMyPage = p.DocumentMethods.HasFlag(DocumentMethods.MyPage),
        SelDocuments = p.SelectionMethods.HasFlag(SelectionMethods.Documents),
        SelInterview = p.SelectionMethods.HasFlag(SelectionMethods.Interview),
        SelWrittenTest = p.SelectionMethods.HasFlag(SelectionMethods.WrittenTest),
        SelOther = p.SelectionMethods.HasFlag(SelectionMethods.Other),
        SelectionNote = p.SelectionNote,
        ReferralDeadline = p.ReferralDeadline,
        Openings = p.Openings?.ToString(CultureInfo.InvariantCulture),
        RequiredExperience = p.RequiredExperience,
        RequiredLicenses = p.RequiredLicenses,
        SelfApplication = p.SelfApplication,
    };

    /// <summary>
    /// Checks this step's fields of the form and gives the posting with them written in (the other
    /// steps' fields as they were). A draft may leave fields empty; what is given must be valid.
    /// </summary>
    public static JobPosting Write(JobStep step, JobForm form, JobPosting posting, FormErrors errors, DateOnly today)
    {
        string? Optional(string field, string? value, int max)
        {
            var v = errors.Text(field, value?.ReplaceLineEndings("\n"), max, required: false);
            return v.Length == 0 ? null : v;
        }
        if (step == Work)
        {
            var occupation = Optional(nameof(JobForm.OccupationCode), form.OccupationCode, 8);
            if (occupation is not null && Occupations.Find(occupation) is null) errors.Add(nameof(JobForm.OccupationCode), "jobs.error.unknown-occupation");
            return posting with
            {
                Title = Optional(nameof(JobForm.Title), form.Title, TitleMax),
                OccupationCode = occupation,
                Description = Optional(nameof(JobForm.Description), form.Description, DescriptionMax),
            };
        }
        if (step == Place)
        {
            var prefecture = Optional(nameof(JobForm.PrefectureCode), form.PrefectureCode, 2);
            if (prefecture is not null && Prefectures.Find(prefecture) is null) errors.Add(nameof(JobForm.PrefectureCode), "jobs.error.unknown-prefecture");
            var city = Optional(nameof(JobForm.CityCode), form.CityCode, 5);
            if (city is not null && (Cities.Find(city) is not { } found || found.PrefectureCode != prefecture))
            {
                errors.Add(nameof(JobForm.CityCode), "jobs.error.city-not-in-prefecture");
            }
            return posting with
            {
                PrefectureCode = prefecture,
                CityCode = city,
                Address = Optional(nameof(JobForm.Address), form.Address, AddressMax),
                WorkplaceNamed = !form.WorkplaceUnnamed,
            };
        }
        if (step == Terms)
        {
            var min = Number(errors, nameof(JobForm.WageMin), form.WageMin, WageLimit);
            var max = Number(errors, nameof(JobForm.WageMax), form.WageMax, WageLimit);
            if (min is not null && max is not null && min > max) errors.Add(nameof(JobForm.WageMax), "jobs.error.wage-min-above-max");
            return posting with { Schedule = form.Schedule, EmploymentType = form.EmploymentType, WageMin = min, WageMax = max, WageUnit = form.WageUnit };
        }
        if (step == Hours)
        {
            return posting with
            {
                HoursFrom = Time(errors, nameof(JobForm.HoursFrom), form.HoursFrom),
                HoursTo = Time(errors, nameof(JobForm.HoursTo), form.HoursTo),
                HoursNote = Optional(nameof(JobForm.HoursNote), form.HoursNote, HoursNoteMax),
                DaysOff = Optional(nameof(JobForm.DaysOff), form.DaysOff, DaysOffMax),
            };
        }
        var openings = Number(errors, nameof(JobForm.Openings), form.Openings, OpeningsLimit);
        if (openings is 0) errors.Add(nameof(JobForm.Openings), "jobs.error.openings-zero");
        if (form.ReferralDeadline is { } deadline && deadline < today) errors.Add(nameof(JobForm.ReferralDeadline), "jobs.error.deadline-past");
        var applied = posting with
        {
            DocumentMethods = (form.DocPost ? DocumentMethods.Post : 0) | (form.DocInPerson ? DocumentMethods.InPerson : 0) | (form.DocMyPage ? DocumentMethods.MyPage : 0),
            SelectionMethods = (form.SelDocuments ? SelectionMethods.Documents : 0) | (form.SelInterview ? SelectionMethods.Interview : 0)
                | (form.SelWrittenTest ? SelectionMethods.WrittenTest : 0) | (form.SelOther ? SelectionMethods.Other : 0),
            SelectionNote = Optional(nameof(JobForm.SelectionNote), form.SelectionNote, SelectionNoteMax),
            ReferralDeadline = form.ReferralDeadline,
            Openings = openings,
            RequiredExperience = Optional(nameof(JobForm.RequiredExperience), form.RequiredExperience, RequirementMax),
            RequiredLicenses = Optional(nameof(JobForm.RequiredLicenses), form.RequiredLicenses, RequirementMax),
            SelfApplication = form.SelfApplication,
        };
        return applied;
    }

    /// <summary>JOB-2 said on the field that carries it: the reason self-application cannot be on.</summary>
    public static string? SelfApplicationRefusal(JobPosting posting) =>
        !posting.SelfApplication || Job.AllowsSelfApplication(posting) ? null
        : !posting.WorkplaceNamed ? "jobs.error.self-application-unnamed"
        : posting.EmploymentType == EmploymentType.Dispatch ? "jobs.error.self-application-dispatch"
        : "jobs.error.self-application-contract";

    /// <summary>What submitting needs and the posting lacks: (step, field, label key), in the order of the steps.</summary>
    public static IReadOnlyList<(JobStep Step, string Field)> Missing(JobPosting p)
    {
        var missing = new List<(JobStep, string)>();
        void Need(bool given, JobStep step, string field)
        {
            if (!given) missing.Add((step, field));
        }
        Need(!string.IsNullOrWhiteSpace(p.Title), Work, nameof(JobForm.Title));
        Need(p.OccupationCode is not null, Work, nameof(JobForm.OccupationCode));
        Need(!string.IsNullOrWhiteSpace(p.Description), Work, nameof(JobForm.Description));
        Need(p.PrefectureCode is not null, Place, nameof(JobForm.PrefectureCode));
        Need(p.CityCode is not null, Place, nameof(JobForm.CityCode));
        Need(!p.WorkplaceNamed || !string.IsNullOrWhiteSpace(p.Address), Place, nameof(JobForm.Address));
        Need(p.Schedule is not null, Terms, nameof(JobForm.Schedule));
        Need(p.EmploymentType is not null, Terms, nameof(JobForm.EmploymentType));
        Need(p.WageMin is not null, Terms, nameof(JobForm.WageMin));
        Need(p.WageUnit is not null, Terms, nameof(JobForm.WageUnit));
        Need(p.HoursFrom is not null, Hours, nameof(JobForm.HoursFrom));
        Need(p.HoursTo is not null, Hours, nameof(JobForm.HoursTo));
        Need(!string.IsNullOrWhiteSpace(p.DaysOff), Hours, nameof(JobForm.DaysOff));
        Need(p.DocumentMethods != DocumentMethods.None, Apply, "DocumentMethods");
        Need(p.SelectionMethods != SelectionMethods.None, Apply, "SelectionMethods");
        Need(p.ReferralDeadline is not null, Apply, nameof(JobForm.ReferralDeadline));
        Need(p.Openings is not null, Apply, nameof(JobForm.Openings));
        return missing;
    }

    private static int? Number(FormErrors errors, string field, string? value, int limit)
    {
        var v = (value ?? "").Trim().Replace(",", "", StringComparison.Ordinal);
        // Full-width digits are what a Japanese keyboard often types: taken as the digits they are.
        v = string.Concat(v.Select(c => c is >= '０' and <= '９' ? (char)(c - '０' + '0') : c));
        if (v.Length == 0) return null;
        if (!v.All(char.IsAsciiDigit) || v.Length > 9 || int.Parse(v, CultureInfo.InvariantCulture) > limit)
        {
            errors.Add(field, "jobs.error.number", limit);
            return null;
        }
        return int.Parse(v, CultureInfo.InvariantCulture);
    }

    private static string? Time(FormErrors errors, string field, string? value)
    {
        var v = (value ?? "").Trim();
        if (v.Length == 0) return null;
        if (!TimePattern().IsMatch(v))
        {
            errors.Add(field, "jobs.error.time");
            return null;
        }
        return v.Length == 4 ? "0" + v : v;
    }

    [GeneratedRegex("^([01]?[0-9]|2[0-3]):[0-5][0-9]$")]
    private static partial Regex TimePattern();
}

/// <summary>What the step forms send: every step sends its own fields (and Go: "next" or "draft").</summary>
public sealed record JobForm
{
    public string? Title { get; set; }
    public string? OccupationCode { get; set; }
    public string? Description { get; set; }
    public string? PrefectureCode { get; set; }
    public string? CityCode { get; set; }
    public string? Address { get; set; }
    /// <summary>A checkbox: checked when the actual workplace cannot be named (JOB-2).</summary>
    public bool WorkplaceUnnamed { get; set; }
    public JobSchedule? Schedule { get; set; }
    public EmploymentType? EmploymentType { get; set; }
    public string? WageMin { get; set; }
    public string? WageMax { get; set; }
    public WageUnit? WageUnit { get; set; }
    public string? HoursFrom { get; set; }
    public string? HoursTo { get; set; }
    public string? HoursNote { get; set; }
    public string? DaysOff { get; set; }
    public bool DocPost { get; set; }
    public bool DocInPerson { get; set; }
    public bool DocMyPage { get; set; }
    public bool SelDocuments { get; set; }
    public bool SelInterview { get; set; }
    public bool SelWrittenTest { get; set; }
    public bool SelOther { get; set; }
    public string? SelectionNote { get; set; }
    public DateOnly? ReferralDeadline { get; set; }
    public string? Openings { get; set; }
    public string? RequiredExperience { get; set; }
    public string? RequiredLicenses { get; set; }
    public bool SelfApplication { get; set; }
    public string? Go { get; set; }
}
