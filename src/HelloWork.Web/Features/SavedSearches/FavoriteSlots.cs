using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.SavedSearches;

/// <summary>
/// What the partial <c>search/_favorite_slot</c> needs to draw the favorite button on a page of
/// jobs, looked up once for the page. A page that shows the slot loads this with the ids of the jobs
/// it shows and puts it in its model as <c>Favorites</c>:
/// <code>Favorites = await FavoriteSlots.LoadAsync(context, db, jobIds, ct)</code> then
/// <c>{{ include "search/_favorite_slot" job }}</c> per job, where <c>job</c> has <c>Id</c> (and <c>Number</c>).
/// For anyone but a signed-in seeker it is null without a query, and the slot renders nothing.
/// </summary>
public sealed record FavoriteSlots(IReadOnlyList<long> Ids, string ReturnUrl)
{
    public static async Task<FavoriteSlots?> LoadAsync(HttpContext context, AppDb db, IReadOnlyCollection<long> jobIds, CancellationToken ct)
    {
        if (context.User.Identity?.IsAuthenticated != true || context.User.Role() != Roles.Seeker) return null;
        var me = context.User.Id();
        var ids = jobIds.Count == 0 ? [] : await db.Set<Favorite>().Where(f => f.SeekerId == me && jobIds.Contains(f.JobId)).Select(f => f.JobId).ToListAsync(ct);
        return new FavoriteSlots(ids, ReturnUrlOf(context.Request));
    }

    /// <summary>The page to come back to after a toggle without script.</summary>
    public static string ReturnUrlOf(HttpRequest request) => request.Path + request.QueryString;

    /// <summary>The slot of one job in a known state, as the toggle answers it.</summary>
    public static FavoriteSlots Of(long jobId, bool on, string returnUrl) => new(on ? [jobId] : [], returnUrl);
}
