using HelloWork.Web.Domain;
using HelloWork.Web.Rendering;
using K = HelloWork.Web.Features.Jobs.JobSearchConditions.Keys;

namespace HelloWork.Web.Features.Jobs;

/// <summary>
/// The search form (JOB-3) as the page shows it: every condition, filled with exactly what the URL
/// said (an unknown code stays chosen, marked as such, so a wrong URL is shown as it was), and each
/// field's message beside it. Names of places and occupations come from the Domain lists.
/// </summary>
public static class SearchForm
{
    public sealed record Parsed(JobSearchConditions Conditions, IReadOnlyList<JobSearchConditions.Error> Errors);

    /// <summary>
    /// The query read by <see cref="JobSearchConditions.Parse(IQueryCollection)"/>; a city left over
    /// from a prefecture no longer chosen is dropped (the form offers only the chosen prefectures' cities).
    /// </summary>
    public static Parsed Parse(IQueryCollection query)
    {
        var (c, errors) = JobSearchConditions.Parse(query);
        if (c.PrefectureCodes.Count > 0 && c.CityCodes.Any(city => !c.PrefectureCodes.Contains(city[..2])))
        {
            c = c with { CityCodes = c.CityCodes.Where(city => c.PrefectureCodes.Contains(city[..2])).ToList() };
        }
        return new Parsed(c, errors);
    }

    public sealed record Option(string Value, string Label, bool Selected);

    public sealed record OptionGroup(string Label, IReadOnlyList<Option> Options);

    /// <summary>One prefecture select (there are three, or as many as the URL named).</summary>
    public sealed record Slot(int Index, IReadOnlyList<Option> Options);

    public sealed record CityGroup(string Code, string Label, IReadOnlyList<Option> Cities);

    /// <summary>Each field's message (null when none), by the field's query key.</summary>
    public sealed record Errors(
        string? Kw, string? Nkw, string? Pref, string? City, string? Occ, string? Sched, string? Type,
        string? Wage, string? Unit, string? No, string? Sort, string? Size, string? Page)
    {
        public bool Any => new[] { Kw, Nkw, Pref, City, Occ, Sched, Type, Wage, Unit, No, Sort, Size, Page }.Any(e => e is not null);
    }

    public sealed record View(
        string Action, string Keywords, string Exclude, IReadOnlyList<Slot> Prefectures, IReadOnlyList<CityGroup> CityGroups,
        IReadOnlyList<OptionGroup> Occupations, IReadOnlyList<Option> Schedules, IReadOnlyList<Option> Types,
        string Wage, IReadOnlyList<Option> Units, bool Self, bool New, string Numbers, IReadOnlyList<Option> Sorts,
        IReadOnlyList<Option> Sizes, Errors Errors, int MaxKeywordLength, bool Collapsed);

    public static View Build(Texts texts, Parsed parsed)
    {
        var raw = parsed.Conditions.Raw;
        string Raw(string key) => raw.TryGetValue(key, out var v) ? v : "";
        string[] Values(string key) => Raw(key).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? Error(string key) => parsed.Errors.FirstOrDefault(e => e.Field == key) is { } e ? texts.Get(e.TextKey) : null;
        var english = Texts.CurrentLanguage == Texts.English;
        var unknown = texts.Get("search.form.unknown");

        // Prefectures: what the URL named, in its order (a wrong code kept and marked), at least three selects.
        var prefValues = Error(K.Prefecture) is null ? parsed.Conditions.PrefectureCodes.ToArray() : Values(K.Prefecture);
        var slots = Enumerable.Range(0, Math.Max(JobSearchConditions.MaxPlaces, prefValues.Length)).Select(i =>
        {
            var chosen = i < prefValues.Length ? prefValues[i] : "";
            var options = new List<Option> { new("", texts.Get("search.form.any"), chosen.Length == 0) };
            if (chosen.Length > 0 && Domain.Prefectures.Find(chosen) is null) options.Add(new(chosen, $"{chosen}（{unknown}）", true));
            options.AddRange(Domain.Prefectures.All.Select(p => new Option(p.Code, english ? p.NameEn : p.Name, p.Code == chosen)));
            return new Slot(i + 1, options);
        }).ToList();

        // Cities: grouped by the chosen prefectures (or, with none chosen, by those of the cities named).
        var cityValues = Error(K.City) is null ? parsed.Conditions.CityCodes.ToArray() : Values(K.City);
        var groupCodes = parsed.Conditions.PrefectureCodes.Count > 0
            ? parsed.Conditions.PrefectureCodes
            : cityValues.Where(c => Domain.Cities.Find(c) is not null).Select(c => c[..2]).Distinct().ToList();
        var groups = groupCodes.Select(code => new CityGroup(code, JobDisplay.Prefecture(code),
            Domain.Cities.In(code).Select(c => new Option(c.Code, english ? c.NameEn : c.Name, cityValues.Contains(c.Code))).ToList())).ToList();
        var strays = cityValues.Where(c => Domain.Cities.Find(c) is null).ToList();
        if (strays.Count > 0) groups.Insert(0, new CityGroup("", unknown, strays.Select(c => new Option(c, c, true)).ToList()));

        var occ = Raw(K.Occupation);
        var occupations = new List<OptionGroup> { new("", [new("", texts.Get("search.form.any"), occ.Length == 0)]) };
        if (occ.Length > 0 && !Domain.Occupations.IsSearchCode(occ)) occupations.Add(new(unknown, [new(occ, $"{occ}（{unknown}）", true)]));
        occupations.AddRange(Domain.Occupations.Groups.Select(g => new OptionGroup(english ? g.NameEn : g.Name,
            [new(g.Code, texts.Format("search.form.occupation-group", english ? g.NameEn : g.Name), occ == g.Code),
             .. Domain.Occupations.InGroup(g.Code).Select(o => new Option(o.Code, english ? o.NameEn : o.Name, occ == o.Code))])));

        var sched = Raw(K.Schedule).ToLowerInvariant();
        var schedules = new List<Option> { new("", texts.Get("search.form.any"), sched.Length == 0) };
        schedules.AddRange(Enum.GetValues<JobSchedule>().Select(s => Lower(s)).Select(s => new Option(s, texts.Get("search.sched." + s), s == sched)));

        var typeValues = Values(K.EmploymentType).Select(v => v.ToLowerInvariant()).ToHashSet();
        var types = Enum.GetValues<EmploymentType>().Select(Lower).Select(t => new Option(t, texts.Get("search.type." + t), typeValues.Contains(t))).ToList();
        types.AddRange(Values(K.EmploymentType).Where(v => !types.Any(t => t.Value == v.ToLowerInvariant())).Select(v => new Option(v, $"{v}（{unknown}）", true)));

        var unit = Raw(K.WageUnit).ToLowerInvariant();
        if (unit.Length == 0) unit = Lower(WageUnit.Monthly);
        var units = Enum.GetValues<WageUnit>().Select(Lower).Select(u => new Option(u, texts.Get("search.form.unit." + u), u == unit)).ToList();
        if (!units.Any(u => u.Selected)) units.Insert(0, new(Raw(K.WageUnit), $"{Raw(K.WageUnit)}（{unknown}）", true));

        var sort = Raw(K.Sort).ToLowerInvariant();
        if (sort.Length == 0) sort = Lower(JobSort.Newest);
        var sorts = Enum.GetValues<JobSort>().Select(Lower).Select(s => new Option(s, texts.Get("search.sort." + s), s == sort)).ToList();
        if (!sorts.Any(s => s.Selected)) sorts.Insert(0, new(Raw(K.Sort), $"{Raw(K.Sort)}（{unknown}）", true));

        var size = Raw(K.PageSize);
        if (size.Length == 0) size = JobSearchConditions.DefaultPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sizes = JobSearchConditions.PageSizes.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(s => new Option(s, texts.Format("search.form.size-option", s), s == size)).ToList();
        if (!sizes.Any(s => s.Selected)) sizes.Insert(0, new(size, $"{size}（{unknown}）", true));

        var errors = new Errors(Error(K.Keywords), Error(K.Exclude), Error(K.Prefecture), Error(K.City), Error(K.Occupation),
            Error(K.Schedule), Error(K.EmploymentType), Error(K.MinWage), Error(K.WageUnit), Error(K.JobNumber), Error(K.Sort),
            Error(K.PageSize), Error(K.Page));

        return new View(SearchJobs.Path, Raw(K.Keywords), Raw(K.Exclude), slots, groups, occupations, schedules, types,
            Raw(K.MinWage), units, Flag(raw, K.SelfApplication), Flag(raw, K.New), Raw(K.JobNumber), sorts, sizes, errors,
            JobSearchConditions.MaxKeywordLength,
            // A shared or bookmarked search opens on its results; the conditions are one tap away.
            Collapsed: parsed.Errors.Count == 0 && parsed.Conditions.ToQueryString(withPaging: false).Length > 0);
    }

    private static bool Flag(IReadOnlyDictionary<string, string> raw, string key) => raw.TryGetValue(key, out var v) && v is "1" or "on" or "true";

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
