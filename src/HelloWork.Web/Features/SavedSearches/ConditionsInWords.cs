using System.Globalization;
using HelloWork.Web.Domain;
using HelloWork.Web.Features.Jobs;
using HelloWork.Web.Rendering;

namespace HelloWork.Web.Features.SavedSearches;

/// <summary>Search conditions as a person reads them: place and occupation names from the Domain lists, choices in words.</summary>
public static class ConditionsInWords
{
    public sealed record Line(string Label, string Value);

    public static IReadOnlyList<Line> Describe(Texts texts, JobSearchConditions c)
    {
        var english = Texts.CurrentLanguage == Texts.English;
        var lines = new List<Line>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value)) lines.Add(new(texts.Get("savedsearches.condition." + key), value));
        }
        string List(IEnumerable<string> values) => string.Join(english ? ", " : "、", values);

        Add("keywords", c.Keywords);
        Add("exclude", c.Exclude);
        Add("prefecture", List(c.PrefectureCodes.Select(p => Prefectures.Find(p) is { } found ? (english ? found.NameEn : found.Name) : p)));
        Add("city", List(c.CityCodes.Select(code => Cities.Find(code) is { } city ? (english ? city.NameEn : city.Name) : code)));
        Add("occupation", OccupationName(c.OccupationCode, english));
        Add("schedule", c.Schedule is { } s ? texts.Get($"savedsearches.schedule.{s}") : null);
        Add("employment-type", List(c.EmploymentTypes.Select(t => texts.Get($"savedsearches.employment-type.{t}"))));
        Add("wage", c.MinWage is { } wage
            ? texts.Format("savedsearches.wage-at-least", texts.Get($"savedsearches.wage-unit.{c.WageUnit}"), wage.ToString("N0", CultureInfo.InvariantCulture))
            : null);
        Add("self-application", c.SelfApplicationOnly ? texts.Get("savedsearches.yes") : null);
        Add("new", c.NewOnly ? texts.Get("savedsearches.new-within-week") : null);
        Add("job-number", List(c.JobNumbers));
        Add("sort", c.Sort != JobSort.Newest ? texts.Get($"savedsearches.sort.{c.Sort}") : null);
        if (lines.Count == 0) Add("all", texts.Get("savedsearches.all-jobs"));
        return lines;
    }

    public static string? OccupationName(string? code, bool english) =>
        Occupations.Find(code) is { } o ? (english ? o.NameEn : o.Name)
        : Occupations.FindGroup(code) is { } g ? (english ? g.NameEn : g.Name)
        : code;

    /// <summary>A name to start from: the words, places and occupation, cut to the name's length.</summary>
    public static string SuggestName(Texts texts, JobSearchConditions c)
    {
        var english = Texts.CurrentLanguage == Texts.English;
        var parts = new List<string?> { c.Keywords };
        parts.AddRange(c.PrefectureCodes.Select(p => english ? Prefectures.Find(p)?.NameEn : Prefectures.Find(p)?.Name));
        parts.AddRange(c.CityCodes.Select(code => english ? Cities.Find(code)?.NameEn : Cities.Find(code)?.Name));
        parts.Add(OccupationName(c.OccupationCode, english));
        if (c.Schedule is { } s) parts.Add(texts.Get($"savedsearches.schedule.{s}"));
        var name = string.Join(" ", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
        if (name.Length == 0) name = texts.Get("savedsearches.all-jobs");
        return name.Length <= SavedSearch.MaxName ? name : name[..SavedSearch.MaxName].TrimEnd();
    }
}
