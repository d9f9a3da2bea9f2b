using HelloWork.Web.Data;
using HelloWork.Web.Domain;
using HelloWork.Web.Features.Jobs;
using HelloWork.Web.Http;
using HelloWork.Web.Rendering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.SavedSearches;

/// <summary>
/// JOB-4: a seeker saves the conditions of a search under a name. The page shows the conditions in
/// words and suggests a name; saving is refused with the reason while the registration is invalid
/// (ACC-9), past <see cref="SavedSearch.MaxPerSeeker"/>, or when the same conditions are saved already.
/// </summary>
public static class SaveSearch
{
    public const string Path = "/mypage/searches";

    public sealed record Form
    {
        public string? Name { get; set; }
        public string? Query { get; set; }
    }

    public sealed record View(Form Values, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<ConditionsInWords.Line> Lines,
        string SearchUrl, bool CanSave, int NameMax);

    /// <summary>GET /mypage/searches/new?&lt;the search's query&gt;.</summary>
    public static async Task<IResult> Show(HttpContext context, AppDb db, Pages pages, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var (conditions, parseErrors) = JobSearchConditions.Parse(context.Request.Query);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (parseErrors.Count > 0) errors["Query"] = string.Join(" ", parseErrors.Select(e => texts.Get(e.TextKey)).Distinct());
        var seeker = await Http.CurrentUser.Of(context).ReadAsync(db, ct);
        if (SavedSearch.Refusal(seeker, clock.GetUtcNow().UtcDateTime) is { } refusal) errors[FormGuard.WholeForm] = texts.Get(refusal);
        var query = conditions.ToQueryString(withPaging: false);
        var form = new Form { Name = ConditionsInWords.SuggestName(texts, conditions), Query = query };
        return pages.Page(context, "savedsearches/new", ViewOf(texts, form, errors, conditions, canSave: errors.Count == 0),
            "savedsearches.new.title");
    }

    public static async Task<IResult> Handle(HttpContext context, [FromForm] Form form, AppDb db, Pages pages, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var me = Http.CurrentUser.Of(context);
        var seeker = await me.ReadAsync(db, ct);
        var errors = new FormErrors(context, texts);
        var name = errors.Text(nameof(Form.Name), form.Name, SavedSearch.MaxName);
        var sent = form.Query ?? "";
        var (conditions, parseErrors) = sent.Length > SavedSearch.MaxQuery
            ? (new JobSearchConditions(), [new JobSearchConditions.Error("Query", "savedsearches.error.query-too-long")])
            : JobSearchConditions.Parse(SavedSearch.QueryOf(sent));
        foreach (var key in parseErrors.Select(e => e.TextKey).Distinct()) errors.Add(nameof(Form.Query), key);
        if (SavedSearch.Refusal(seeker, now) is { } refusal) errors.Add(FormGuard.WholeForm, refusal);

        SavedSearch? saved = null;
        if (!errors.Any)
        {
            var query = conditions.ToQueryString(withPaging: false);
            // One statement gives both the count and a search with the same conditions (at most MaxPerSeeker rows).
            var mine = await db.Set<SavedSearch>().Where(s => s.SeekerId == me.Id).Select(s => new { s.Name, s.Query }).ToListAsync(ct);
            if (mine.FirstOrDefault(s => s.Query == query) is { } same) errors.Add(FormGuard.WholeForm, "savedsearches.error.duplicate", same.Name);
            else if (mine.Count >= SavedSearch.MaxPerSeeker) errors.Add(FormGuard.WholeForm, "savedsearches.error.limit", SavedSearch.MaxPerSeeker);
            else
            {
                try
                {
                    saved = SavedSearch.Create(seeker, name, conditions, now);
                    db.Add(saved);
                    await db.SaveChangesAsync(ct);
                }
                catch (DomainException e)
                {
                    errors.Add(FormGuard.WholeForm, e.Key, e.Args);
                    saved = null;
                }
                catch (DbUpdateException)
                {
                    // The same conditions saved at the same moment from another tab: the unique index said so.
                    errors.Add(FormGuard.WholeForm, "savedsearches.error.duplicate", name);
                    saved = null;
                }
            }
        }
        if (saved is null)
        {
            var kept = form with { Name = form.Name ?? "", Query = sent };
            return pages.Page(context, "savedsearches/new", ViewOf(texts, kept, errors.Fields, conditions, canSave: true), "savedsearches.new.title", 422);
        }
        return Results.Redirect($"{Path}?saved={saved.Id}");
    }

    private static View ViewOf(Texts texts, Form form, IReadOnlyDictionary<string, string> errors, JobSearchConditions conditions, bool canSave)
    {
        var query = conditions.ToQueryString(withPaging: false);
        return new View(form, errors, ConditionsInWords.Describe(texts, conditions), "/jobs" + (query.Length > 0 ? "?" + query : ""), canSave, SavedSearch.MaxName);
    }
}
