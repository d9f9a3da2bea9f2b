using HelloWork.Web.Data;
using HelloWork.Web.Domain;
using HelloWork.Web.Live;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.SavedSearches;

/// <summary>
/// Rerunning a saved search: the run time is recorded and the new-match count starts again from
/// zero, then the search itself opens (/jobs?…). Refused with the reason while the registration
/// is invalid (ACC-9).
/// </summary>
public static class RerunSearch
{
    public static async Task<IResult> Handle(HttpContext context, long id, AppDb db, Pages pages, Texts texts, TimeProvider clock,
        LiveNotifier live, CancellationToken ct)
    {
        var me = Http.CurrentUser.Of(context);
        var search = await db.Set<SavedSearch>().SingleOrDefaultAsync(s => s.Id == id && s.SeekerId == me.Id, ct);
        if (search is null) return Results.NotFound();
        var seeker = await me.ReadAsync(db, ct);
        try
        {
            search.Run(seeker, clock.GetUtcNow().UtcDateTime);
        }
        catch (DomainException refusal)
        {
            var view = await ListSavedSearches.ViewAsync(context, db, texts, null, texts.Format(refusal.Key, refusal.Args), ct);
            return pages.Page(context, "savedsearches/index", view, "savedsearches.title", 403);
        }
        await db.SaveChangesAsync(ct);
        // The seeker's other open pages show the count back at zero.
        await live.PushAsync(c => c.SavedSearchMatched(search.Id), me.Id);
        var url = "/jobs" + (search.Query.Length > 0 ? "?" + search.Query : "");
        if (context.Request.WantsFragment())
        {
            context.Response.Headers["HX-Redirect"] = url;
            return Results.NoContent();
        }
        return Results.Redirect(url);
    }
}
