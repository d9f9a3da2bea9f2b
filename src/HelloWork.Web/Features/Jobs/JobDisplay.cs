using System.Globalization;
using HelloWork.Web.Domain;
using HelloWork.Web.Rendering;

namespace HelloWork.Web.Features.Jobs;

/// <summary>
/// How the search pages name a job's codes and figures for people: places and occupations from
/// the in-memory Domain lists (never a query), wages as 210,000円〜260,000円/月, in the request's language.
/// </summary>
public static class JobDisplay
{
    private static bool English => Texts.CurrentLanguage == Texts.English;

    public static string Prefecture(string? code) =>
        Prefectures.Find(code) is { } p ? (English ? p.NameEn : p.Name) : "";

    public static string City(string? code) =>
        Cities.Find(code) is { } c ? (English ? c.NameEn : c.Name) : "";

    /// <summary>東京都 新宿区 (prefecture, then city); either may be missing.</summary>
    public static string Place(string? prefectureCode, string? cityCode) =>
        string.Join(' ', new[] { Prefecture(prefectureCode), City(cityCode) }.Where(s => s.Length > 0));

    public static string Occupation(string? code) =>
        Occupations.Find(code) is { } o ? (English ? o.NameEn : o.Name)
        : Occupations.FindGroup(code) is { } g ? (English ? g.NameEn : g.Name) : "";

    public static string OccupationGroup(string? code) =>
        code is { Length: >= 2 } && Occupations.FindGroup(code[..2]) is { } g ? (English ? g.NameEn : g.Name) : "";

    public static string EmploymentType(Texts texts, EmploymentType? type) =>
        type is { } t ? texts.Get("search.type." + t.ToString().ToLowerInvariant()) : "";

    public static string Schedule(Texts texts, JobSchedule? schedule) =>
        schedule is { } s ? texts.Get("search.sched." + s.ToString().ToLowerInvariant()) : "";

    public static string Unit(Texts texts, WageUnit unit) => texts.Get("search.unit." + unit.ToString().ToLowerInvariant());

    /// <summary>210,000円〜260,000円/月; one end only: 210,000円〜/月 or 〜260,000円/月; nothing without a figure.</summary>
    public static string Wage(Texts texts, int? min, int? max, WageUnit? unit)
    {
        if (min is null && max is null) return "";
        var range = (min, max) switch
        {
            ({ } a, { } b) when a == b => texts.Format("search.wage.amount", Amount(a)),
            ({ } a, { } b) => texts.Format("search.wage.range", Amount(a), Amount(b)),
            ({ } a, null) => texts.Format("search.wage.from", Amount(a)),
            (null, { } b) => texts.Format("search.wage.to", Amount(b)),
            _ => "",
        };
        return unit is { } u ? texts.Format("search.wage.per", range, Unit(texts, u)) : range;
    }

    public static string Amount(int amount) => amount.ToString("N0", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date?.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture) ?? "";

    public static string Date(DateTime? utc) => utc is { } d ? JapanTime.ToJst(d).ToString("yyyy/MM/dd", CultureInfo.InvariantCulture) : "";

    /// <summary>The names of the set flags, joined (応募書類の送付方法, 選考方法).</summary>
    public static string Flags<T>(Texts texts, T value, string prefix) where T : struct, Enum =>
        string.Join(texts.Get("search.list-separator"), Enum.GetValues<T>()
            .Where(f => Convert.ToInt32(f, CultureInfo.InvariantCulture) != 0 && value.HasFlag(f))
            .Select(f => texts.Get(prefix + f.ToString().ToLowerInvariant())));
}
