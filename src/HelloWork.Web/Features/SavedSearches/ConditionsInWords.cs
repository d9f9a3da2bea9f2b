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
        Add("prefecture", List(c.PrefectureCodes.Select(JobDisplay.Prefecture)));
        Add("city", List(c.CityCodes.Select(JobDisplay.City)));
        Add("occupation", JobDisplay.Occupation(c.OccupationCode));
        Add("schedule", JobDisplay.Schedule(texts, c.Schedule));
        Add("employment-type", List(c.EmploymentTypes.Select(t => JobDisplay.EmploymentType(texts, t))));
        Add("wage", c.MinWage is { } wage
            ? texts.Format("savedsearches.wage-at-least", texts.Get("search.form.unit." + c.WageUnit.ToString().ToLowerInvariant()), JobDisplay.Amount(wage))
            : null);
        Add("self-application", c.SelfApplicationOnly ? texts.Get("savedsearches.yes") : null);
        Add("new", c.NewOnly ? texts.Get("savedsearches.new-within-week") : null);
        Add("job-number", List(c.JobNumbers));
        Add("sort", c.Sort != JobSort.Newest ? texts.Get($"savedsearches.sort.{c.Sort}") : null);
        if (lines.Count == 0) Add("all", texts.Get("savedsearches.all-jobs"));
        return lines;
    }

    /// <summary>A name to start from: the words, places and occupation, cut to the name's length.</summary>
    public static string SuggestName(Texts texts, JobSearchConditions c)
    {
        var parts = new List<string?> { c.Keywords };
        parts.AddRange(c.PrefectureCodes.Select(JobDisplay.Prefecture));
        parts.AddRange(c.CityCodes.Select(JobDisplay.City));
        parts.Add(JobDisplay.Occupation(c.OccupationCode));
        parts.Add(JobDisplay.Schedule(texts, c.Schedule));
        var name = string.Join(" ", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
        if (name.Length == 0) name = texts.Get("savedsearches.all-jobs");
        return name.Length <= SavedSearch.MaxName ? name : name[..SavedSearch.MaxName].TrimEnd();
    }
}
