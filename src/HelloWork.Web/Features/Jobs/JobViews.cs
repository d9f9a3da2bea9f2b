using HelloWork.Web.Domain;
using HelloWork.Web.Rendering;

namespace HelloWork.Web.Features.Jobs;

public sealed record Choice(string Value, string Text, bool Selected);

public sealed record ChoiceGroup(string Label, IReadOnlyList<Choice> Choices);

/// <summary>One shown field of a job: its label, its value as people read it, and the step that edits it.</summary>
public sealed record JobRow(string Field, string Label, string Value, string Step);

public sealed record StepLink(string Slug, int Number, string Title, bool Current, string Href);

/// <summary>A job as the list and the dashboard show it.</summary>
public sealed record JobLine(long Id, string? Number, string Title, string Status, string StatusText, DateTime? ValidUntil, bool Editable, string Href);

/// <summary>How jobs and their fields are shown: labels, choices and values in the request's language.</summary>
public static class JobViews
{
    public static string StatusText(Texts texts, JobStatus status) => texts.Get($"jobs.status.{status}");

    public static string Label(Texts texts, string field) => texts.Get($"jobs.field.{field}");

    public static IReadOnlyList<StepLink> StepLinks(Texts texts, long? jobId, JobStep? current) =>
        JobSteps.All.Select(s => new StepLink(s.Slug, s.Number, texts.Get(s.TitleKey), s == current,
            jobId is null ? (s == JobSteps.Work ? "/employer/jobs/new" : "") : $"/employer/jobs/{jobId}/steps/{s.Slug}")).ToList();

    public static IReadOnlyList<ChoiceGroup> Occupations(string? selected) =>
        Domain.Occupations.Groups.Select(g => new ChoiceGroup(Name(g.Name, g.NameEn),
            Domain.Occupations.InGroup(g.Code).Select(o => new Choice(o.Code, Name(o.Name, o.NameEn), o.Code == selected)).ToList())).ToList();

    public static IReadOnlyList<Choice> Prefectures(string? selected) =>
        Domain.Prefectures.All.Select(p => new Choice(p.Code, Name(p.Name, p.NameEn), p.Code == selected)).ToList();

    /// <summary>The municipalities of the chosen prefecture only (none before one is chosen).</summary>
    public static IReadOnlyList<Choice> Cities(string? prefecture, string? selected) =>
        prefecture is null ? [] : Domain.Cities.In(prefecture).Select(c => new Choice(c.Code, Name(c.Name, c.NameEn), c.Code == selected)).ToList();

    public static IReadOnlyList<Choice> Enum<T>(Texts texts, T? selected) where T : struct, System.Enum =>
        System.Enum.GetValues<T>().Select(v => new Choice(v.ToString(), texts.Get($"jobs.{typeof(T).Name}.{v}"), selected is { } s && s.Equals(v))).ToList();

    private static string Name(string ja, string en) => Texts.CurrentLanguage == Texts.Japanese ? ja : en;

    /// <summary>Every field of the posting, in step order, as people read it ("未入力" where empty).</summary>
    public static IReadOnlyList<JobRow> Rows(Texts texts, JobPosting p)
    {
        var none = texts.Get("jobs.not-given");
        string Or(string? v) => string.IsNullOrWhiteSpace(v) ? none : v;
        string Flags<T>(T value) where T : struct, System.Enum =>
            Or(string.Join("、", System.Enum.GetValues<T>().Where(f => Convert.ToInt32(f) != 0 && value.HasFlag(f)).Select(f => texts.Get($"jobs.{typeof(T).Name}.{f}"))));
        string Of<T>(T? v) where T : struct, System.Enum => v is { } x ? texts.Get($"jobs.{typeof(T).Name}.{x}") : none;
        var occupation = Domain.Occupations.Find(p.OccupationCode);
        var prefecture = Domain.Prefectures.Find(p.PrefectureCode);
        var city = Domain.Cities.Find(p.CityCode);
        var wage = p.WageMin is null && p.WageMax is null ? none
            : $"{p.WageMin:N0}{(p.WageMax is null ? "" : $" 〜 {p.WageMax:N0}")} {texts.Get("jobs.yen")}{(p.WageUnit is { } u ? $"（{texts.Get($"jobs.WageUnit.{u}")}）" : "")}";
        var hours = p.HoursFrom is null && p.HoursTo is null ? none : $"{p.HoursFrom} 〜 {p.HoursTo}";
        JobRow Row(string field, string value, JobStep step) => new(field, Label(texts, field), value, step.Slug);
        return
        [
            Row(nameof(JobForm.Title), Or(p.Title), JobSteps.Work),
            Row(nameof(JobForm.OccupationCode), occupation is null ? none : Name(occupation.Name, occupation.NameEn), JobSteps.Work),
            Row(nameof(JobForm.Description), Or(p.Description), JobSteps.Work),
            Row(nameof(JobForm.PrefectureCode), prefecture is null ? none : Name(prefecture.Name, prefecture.NameEn), JobSteps.Place),
            Row(nameof(JobForm.CityCode), city is null ? none : Name(city.Name, city.NameEn), JobSteps.Place),
            Row(nameof(JobForm.Address), Or(p.Address), JobSteps.Place),
            Row("WorkplaceNamed", texts.Get(p.WorkplaceNamed ? "jobs.workplace.named" : "jobs.workplace.unnamed"), JobSteps.Place),
            Row(nameof(JobForm.Schedule), Of(p.Schedule), JobSteps.Terms),
            Row(nameof(JobForm.EmploymentType), Of(p.EmploymentType), JobSteps.Terms),
            Row("Wage", wage, JobSteps.Terms),
            Row("WorkingHours", hours, JobSteps.Hours),
            Row(nameof(JobForm.HoursNote), Or(p.HoursNote), JobSteps.Hours),
            Row(nameof(JobForm.DaysOff), Or(p.DaysOff), JobSteps.Hours),
            Row("DocumentMethods", Flags(p.DocumentMethods), JobSteps.Apply),
            Row("SelectionMethods", Flags(p.SelectionMethods), JobSteps.Apply),
            Row(nameof(JobForm.SelectionNote), Or(p.SelectionNote), JobSteps.Apply),
            Row(nameof(JobForm.ReferralDeadline), p.ReferralDeadline is { } d ? d.ToString("yyyy/MM/dd") : none, JobSteps.Apply),
            Row(nameof(JobForm.Openings), p.Openings is { } n ? texts.Format("jobs.openings-count", n) : none, JobSteps.Apply),
            Row(nameof(JobForm.RequiredExperience), Or(p.RequiredExperience), JobSteps.Apply),
            Row(nameof(JobForm.RequiredLicenses), Or(p.RequiredLicenses), JobSteps.Apply),
            Row(nameof(JobForm.SelfApplication), texts.Get(p.SelfApplication ? "jobs.self-application.on" : "jobs.self-application.off"), JobSteps.Apply),
        ];
    }

    public static JobLine Line(Texts texts, long id, string? number, string title, JobStatus status, DateTime? validUntil, string hrefBase) =>
        new(id, number, title.Length == 0 ? texts.Get("jobs.untitled") : title, status.ToString(), StatusText(texts, status), validUntil,
            status is JobStatus.Draft or JobStatus.Returned, $"{hrefBase}/{id}");
}
