using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Data;
using HelloWork.Web.Domain;
using HelloWork.Web.Features.Jobs;
using HelloWork.Web.Http;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.SavedSearches;

/// <summary>
/// A job added to or taken off the seeker's favorites. htmx swaps the button (the partial
/// <c>search/_favorite_slot</c>) in place; without script the browser goes back to the page it
/// came from (its ReturnUrl field, a path of this site: SEC-2). At most <see cref="Favorite.MaxPerSeeker"/>.
/// </summary>
public static class ToggleFavorite
{
    public const string Path = "/mypage/favorites";

    public static async Task<IResult> Add(HttpContext context, long jobId, AppDb db, Pages pages, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var me = context.User.Id();
        var now = clock.GetUtcNow().UtcDateTime;
        var job = await db.Set<Job>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId && j.Number != null, ct);
        if (job is null) return Results.NotFound();
        var already = await db.Set<Favorite>().Where(f => f.SeekerId == me)
            .GroupBy(f => f.SeekerId)
            .Select(g => new { Count = g.Count(), Has = g.Any(f => f.JobId == jobId) })
            .SingleOrDefaultAsync(ct);
        string? refusal = null;
        if (already?.Has != true)
        {
            if (already?.Count >= Favorite.MaxPerSeeker) refusal = texts.Format("savedsearches.error.favorites-limit", Favorite.MaxPerSeeker);
            else
            {
                try
                {
                    db.Add(Favorite.Add(me, job, now));
                    await db.SaveChangesAsync(ct);
                }
                catch (DomainException e)
                {
                    refusal = texts.Format(e.Key, e.Args);
                }
                catch (DbUpdateException)
                {
                    // Added a moment ago from another tab: it is a favorite, as asked.
                }
            }
        }
        return Answer(context, pages, job.Id, job.Number!, on: refusal is null, refusal);
    }

    public static async Task<IResult> Remove(HttpContext context, long jobId, AppDb db, Pages pages, CancellationToken ct)
    {
        var me = context.User.Id();
        var number = await db.Set<Job>().Where(j => j.Id == jobId).Select(j => j.Number).SingleOrDefaultAsync(ct);
        if (number is null) return Results.NotFound();
        await db.Set<Favorite>().Where(f => f.SeekerId == me && f.JobId == jobId).ExecuteDeleteAsync(ct);
        return Answer(context, pages, jobId, number, on: false, null);
    }

    private static IResult Answer(HttpContext context, Pages pages, long jobId, string number, bool on, string? refusal)
    {
        var back = ReturnUrl.OrHome(context.Request.HasFormContentType ? context.Request.Form["ReturnUrl"].ToString() : null, Path);
        if (context.Request.WantsFragment())
        {
            return pages.Fragment(context, "search/_favorite_slot",
                new { Id = jobId, Number = number, Favorites = FavoriteSlots.Of(jobId, on, back), FavoriteError = refusal }, refusal is null ? 200 : 422);
        }
        if (refusal is not null)
        {
            return pages.Page(context, "savedsearches/refused", new { Message = refusal, Back = back }, "savedsearches.favorites.title", 422);
        }
        return Results.Redirect(back);
    }
}
