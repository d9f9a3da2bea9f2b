using System.Globalization;
using System.Text;
using HelloWork.Web.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace HelloWork.Web.Features.Jobs;

public enum JobSort { Newest = 1, Deadline = 2 }

/// <summary>
/// The conditions of a job search (JOB-3), as a URL query that can be bookmarked, shared and saved
/// (JOB-4). <see cref="Parse"/> never throws: what cannot be used becomes an error naming the field,
/// and the raw text stays in <see cref="Raw"/> so the form shows what the person typed.
/// <see cref="Matches"/> is the meaning of the conditions for one job, in memory: the database
/// search must return exactly the open jobs it accepts, and a newly accepted job is checked
/// against saved searches with it (BEY-11).
/// </summary>
public sealed record JobSearchConditions
{
    public const int MaxKeywordLength = 50;
    public const int MaxPlaces = 3;
    public const int MaxJobNumbers = 5;
    public static readonly IReadOnlyList<int> PageSizes = [10, 30, 50];
    public const int DefaultPageSize = 30;
    public static readonly TimeSpan NewWithin = TimeSpan.FromDays(7);

    /// <summary>Free words as typed; all must match (<see cref="Words"/>).</summary>
    public string? Keywords { get; init; }
    /// <summary>One word no matching job may contain.</summary>
    public string? Exclude { get; init; }
    public IReadOnlyList<string> PrefectureCodes { get; init; } = [];
    public IReadOnlyList<string> CityCodes { get; init; } = [];
    /// <summary>A group (two digits) or one occupation (four digits), see <see cref="Occupations"/>.</summary>
    public string? OccupationCode { get; init; }
    public JobSchedule? Schedule { get; init; }
    public IReadOnlyList<EmploymentType> EmploymentTypes { get; init; } = [];
    /// <summary>The least pay the seeker asks for, in <see cref="WageUnit"/>: a job matches when its top of range (or its only figure) reaches it.</summary>
    public int? MinWage { get; init; }
    public WageUnit WageUnit { get; init; } = WageUnit.Monthly;
    public bool SelfApplicationOnly { get; init; }
    /// <summary>Accepted within the last seven days.</summary>
    public bool NewOnly { get; init; }
    /// <summary>Up to five job numbers asked for directly; with any, only those jobs are shown.</summary>
    public IReadOnlyList<string> JobNumbers { get; init; } = [];
    public JobSort Sort { get; init; } = JobSort.Newest;
    public int PageSize { get; init; } = DefaultPageSize;
    public int Page { get; init; } = 1;

    /// <summary>The query as it came, for redisplay of what could not be used.</summary>
    public IReadOnlyDictionary<string, string> Raw { get; init; } = new Dictionary<string, string>();

    /// <summary>The normalized search words (<see cref="JobText.Normalize"/>), distinct, in typed order.</summary>
    public IReadOnlyList<string> Words => SplitWords(Keywords);

    /// <summary>The normalized exclusion word, or null.</summary>
    public string? ExcludeWord => SplitWords(Exclude) is [var word, ..] ? word : null;

    public bool HasKeywords => Words.Count > 0;

    public static IReadOnlyList<string> SplitWords(string? text) =>
        JobText.Normalize(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The query keys, short so that shared URLs stay short.</summary>
    public static class Keys
    {
        public const string Keywords = "kw";
        public const string Exclude = "nkw";
        public const string Prefecture = "pref";
        public const string City = "city";
        public const string Occupation = "occ";
        public const string Schedule = "sched";
        public const string EmploymentType = "type";
        public const string MinWage = "wage";
        public const string WageUnit = "unit";
        public const string SelfApplication = "self";
        public const string New = "new";
        public const string JobNumber = "no";
        public const string Sort = "sort";
        public const string PageSize = "size";
        public const string Page = "page";
    }

    /// <summary>One field that could not be used: the form field's key and the text key of its message.</summary>
    public sealed record Error(string Field, string TextKey);

    public static (JobSearchConditions Conditions, IReadOnlyList<Error> Errors) Parse(IQueryCollection query) =>
        Parse(query.ToDictionary(q => q.Key, q => q.Value, StringComparer.Ordinal));

    public static (JobSearchConditions Conditions, IReadOnlyList<Error> Errors) Parse(IReadOnlyDictionary<string, StringValues> query)
    {
        var errors = new List<Error>();
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in query)
        {
            raw[key] = string.Join(' ', values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()));
        }

        string? Text(string key) => raw.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        IEnumerable<string> Many(string key) => query.TryGetValue(key, out var values)
            ? values.SelectMany(v => (v ?? "").Split([' ', ',', '、', '\u3000'], StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal)
            : [];
        bool Flag(string key) => Text(key) is "1" or "on" or "true";

        var keywords = Text(Keys.Keywords);
        if (keywords is { Length: > MaxKeywordLength }) errors.Add(new(Keys.Keywords, "search.error.keywords-too-long"));
        var exclude = Text(Keys.Exclude);
        if (exclude is { Length: > MaxKeywordLength }) errors.Add(new(Keys.Exclude, "search.error.keywords-too-long"));
        else if (SplitWords(exclude).Count > 1) errors.Add(new(Keys.Exclude, "search.error.one-exclusion"));

        var prefectures = Many(Keys.Prefecture).ToList();
        if (prefectures.Any(p => Prefectures.Find(p) is null)) errors.Add(new(Keys.Prefecture, "search.error.unknown-prefecture"));
        else if (prefectures.Count > MaxPlaces) errors.Add(new(Keys.Prefecture, "search.error.too-many-prefectures"));

        var cities = Many(Keys.City).ToList();
        if (cities.Any(c => Cities.Find(c) is null)) errors.Add(new(Keys.City, "search.error.unknown-city"));
        else if (cities.Count > MaxPlaces) errors.Add(new(Keys.City, "search.error.too-many-cities"));

        var occupation = Text(Keys.Occupation);
        if (occupation is not null && !Occupations.IsSearchCode(occupation)) errors.Add(new(Keys.Occupation, "search.error.unknown-occupation"));

        JobSchedule? schedule = null;
        if (Text(Keys.Schedule) is { } s)
        {
            if (Enum.TryParse<JobSchedule>(s, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !s.All(char.IsAsciiDigit)) schedule = parsed;
            else errors.Add(new(Keys.Schedule, "search.error.unknown-schedule"));
        }

        var types = new List<EmploymentType>();
        foreach (var t in Many(Keys.EmploymentType))
        {
            if (Enum.TryParse<EmploymentType>(t, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !t.All(char.IsAsciiDigit)) types.Add(parsed);
            else { errors.Add(new(Keys.EmploymentType, "search.error.unknown-employment-type")); break; }
        }

        int? minWage = null;
        if (Text(Keys.MinWage) is { } w)
        {
            var digits = w.Normalize(NormalizationForm.FormKC).Replace(",", "", StringComparison.Ordinal);
            if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount is > 0 and <= 100_000_000) minWage = amount;
            else errors.Add(new(Keys.MinWage, "search.error.wage"));
        }
        var unit = WageUnit.Monthly;
        if (Text(Keys.WageUnit) is { } u)
        {
            if (Enum.TryParse<WageUnit>(u, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !u.All(char.IsAsciiDigit)) unit = parsed;
            else errors.Add(new(Keys.WageUnit, "search.error.wage-unit"));
        }

        var numbers = Many(Keys.JobNumber).Select(n => n.Normalize(NormalizationForm.FormKC)).Distinct(StringComparer.Ordinal).ToList();
        if (numbers.Any(n => !Job.IsNumber(n))) errors.Add(new(Keys.JobNumber, "search.error.job-number-format"));
        else if (numbers.Count > MaxJobNumbers) errors.Add(new(Keys.JobNumber, "search.error.too-many-job-numbers"));

        var sort = JobSort.Newest;
        if (Text(Keys.Sort) is { } so)
        {
            if (Enum.TryParse<JobSort>(so, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !so.All(char.IsAsciiDigit)) sort = parsed;
            else errors.Add(new(Keys.Sort, "search.error.sort"));
        }

        var size = DefaultPageSize;
        if (Text(Keys.PageSize) is { } sz)
        {
            if (int.TryParse(sz, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && PageSizes.Contains(parsed)) size = parsed;
            else errors.Add(new(Keys.PageSize, "search.error.page-size"));
        }
        var page = 1;
        if (Text(Keys.Page) is { } pg)
        {
            if (int.TryParse(pg, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 1 and <= 100_000) page = parsed;
            else errors.Add(new(Keys.Page, "search.error.page"));
        }

        var conditions = new JobSearchConditions
        {
            Keywords = keywords is { Length: <= MaxKeywordLength } ? keywords : null,
            Exclude = errors.Any(e => e.Field == Keys.Exclude) ? null : exclude,
            PrefectureCodes = errors.Any(e => e.Field == Keys.Prefecture) ? [] : prefectures,
            CityCodes = errors.Any(e => e.Field == Keys.City) ? [] : cities,
            OccupationCode = errors.Any(e => e.Field == Keys.Occupation) ? null : occupation,
            Schedule = schedule,
            EmploymentTypes = errors.Any(e => e.Field == Keys.EmploymentType) ? [] : types.Distinct().ToList(),
            MinWage = minWage,
            WageUnit = unit,
            SelfApplicationOnly = Flag(Keys.SelfApplication),
            NewOnly = Flag(Keys.New),
            JobNumbers = errors.Any(e => e.Field == Keys.JobNumber) ? [] : numbers,
            Sort = sort,
            PageSize = size,
            Page = page,
            Raw = raw,
        };
        return (conditions, errors);
    }

    /// <summary>
    /// The conditions as a query string (without '?'), in a fixed order so that equal conditions give
    /// equal strings; <paramref name="withPaging"/> false leaves out the page (what a saved search keeps).
    /// </summary>
    public string ToQueryString(bool withPaging = true)
    {
        var parts = new List<KeyValuePair<string, string>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value)) parts.Add(new(key, value));
        }
        Add(Keys.Keywords, Keywords?.Trim());
        Add(Keys.Exclude, Exclude?.Trim());
        foreach (var p in PrefectureCodes) Add(Keys.Prefecture, p);
        foreach (var c in CityCodes) Add(Keys.City, c);
        Add(Keys.Occupation, OccupationCode);
        Add(Keys.Schedule, Schedule?.ToString().ToLowerInvariant());
        foreach (var t in EmploymentTypes) Add(Keys.EmploymentType, t.ToString().ToLowerInvariant());
        if (MinWage is { } wage)
        {
            Add(Keys.MinWage, wage.ToString(CultureInfo.InvariantCulture));
            Add(Keys.WageUnit, WageUnit.ToString().ToLowerInvariant());
        }
        if (SelfApplicationOnly) Add(Keys.SelfApplication, "1");
        if (NewOnly) Add(Keys.New, "1");
        foreach (var n in JobNumbers) Add(Keys.JobNumber, n);
        if (Sort != JobSort.Newest) Add(Keys.Sort, Sort.ToString().ToLowerInvariant());
        if (withPaging)
        {
            if (PageSize != DefaultPageSize) Add(Keys.PageSize, PageSize.ToString(CultureInfo.InvariantCulture));
            if (Page != 1) Add(Keys.Page, Page.ToString(CultureInfo.InvariantCulture));
        }
        return string.Join('&', parts.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
    }

    /// <summary>
    /// Whether one job is in the results at <paramref name="now"/>: open and valid, and every
    /// condition holds. The database search (and its tests) must agree with this exactly.
    /// </summary>
    public bool Matches(Job job, DateTime now)
    {
        if (!job.IsPublicAt(now)) return false;
        if (JobNumbers.Count > 0 && (job.Number is null || !JobNumbers.Contains(job.Number))) return false;
        foreach (var word in Words)
        {
            if (!job.SearchText.Contains(word, StringComparison.Ordinal)) return false;
        }
        if (ExcludeWord is { } excluded && job.SearchText.Contains(excluded, StringComparison.Ordinal)) return false;
        if (PrefectureCodes.Count > 0 && (job.PrefectureCode is null || !PrefectureCodes.Contains(job.PrefectureCode))) return false;
        if (CityCodes.Count > 0 && (job.CityCode is null || !CityCodes.Contains(job.CityCode))) return false;
        if (OccupationCode is { } occupation && (job.OccupationCode is null || !job.OccupationCode.StartsWith(occupation, StringComparison.Ordinal))) return false;
        if (Schedule is { } schedule && job.Schedule != schedule) return false;
        if (EmploymentTypes.Count > 0 && (job.EmploymentType is not { } type || !EmploymentTypes.Contains(type))) return false;
        if (MinWage is { } wage && (job.WageUnit != WageUnit || (job.WageMax ?? job.WageMin ?? 0) < wage)) return false;
        if (SelfApplicationOnly && !job.SelfApplication) return false;
        if (NewOnly && (job.AcceptedAt is not { } accepted || accepted < now - NewWithin)) return false;
        return true;
    }
}
