using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Data;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.SavedSearches;

/// <summary>
/// The seeker's saved searches with their conditions in words, last run and new-match count, as a
/// page, as the page's live list, and as the MyPage box. "New" is the counter that
/// <see cref="SavedSearchAlerts"/> raises as matching jobs are accepted (BEY-11): reading it costs
/// nothing per search, where an exact recount would be a search per saved search.
/// </summary>
public static class ListSavedSearches
{
    public sealed record Row(long Id, string Name, IReadOnlyList<ConditionsInWords.Line> Lines, DateTime? LastRunAt, DateTime CreatedAt,
        int NewMatches, string SearchUrl);

    public sealed record View(IReadOnlyList<Row> Rows, int Max, bool Full, string? Saved, string? Notice, string? Error);

    public static async Task<IReadOnlyList<Row>> LoadAsync(AppDb db, Texts texts, Guid seekerId, CancellationToken ct)
    {
        var rows = await db.Set<SavedSearch>().Where(s => s.SeekerId == seekerId).OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.Name, s.Query, s.LastRunAt, s.CreatedAt, s.NewMatches })
            .ToListAsync(ct);
        return rows.Select(r =>
        {
            var conditions = Jobs.JobSearchConditions.Parse(SavedSearch.QueryOf(r.Query)).Conditions;
            return new Row(r.Id, r.Name, ConditionsInWords.Describe(texts, conditions), r.LastRunAt, r.CreatedAt, r.NewMatches,
                "/jobs" + (r.Query.Length > 0 ? "?" + r.Query : ""));
        }).ToList();
    }

    public static async Task<View> ViewAsync(HttpContext context, AppDb db, Texts texts, string? notice, string? error, CancellationToken ct)
    {
        var rows = await LoadAsync(db, texts, context.User.Id(), ct);
        string? saved = null;
        if (long.TryParse(context.Request.Query["saved"], out var savedId)) saved = rows.FirstOrDefault(r => r.Id == savedId)?.Name;
        return new View(rows, SavedSearch.MaxPerSeeker, rows.Count >= SavedSearch.MaxPerSeeker, saved, notice, error);
    }

    public static async Task<IResult> Page(HttpContext context, AppDb db, Pages pages, Texts texts, CancellationToken ct)
    {
        var notice = context.Request.Query.ContainsKey("deleted") ? texts.Get("savedsearches.deleted")
            : context.Request.Query.ContainsKey("renamed") ? texts.Get("savedsearches.renamed") : null;
        return pages.Page(context, "savedsearches/index", await ViewAsync(context, db, texts, notice, null, ct), "savedsearches.title");
    }

    public static async Task<IResult> List(HttpContext context, AppDb db, Pages pages, Texts texts, CancellationToken ct) =>
        pages.Fragment(context, "savedsearches/_items", await ViewAsync(context, db, texts, null, null, ct));

    public static async Task<IResult> Box(HttpContext context, AppDb db, Pages pages, Texts texts, CancellationToken ct) =>
        pages.Fragment(context, "savedsearches/_box-items", new { Rows = await LoadAsync(db, texts, context.User.Id(), ct) });
}
