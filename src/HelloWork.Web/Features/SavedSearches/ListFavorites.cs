using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Jobs;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.SavedSearches;

/// <summary>
/// The seeker's favorites, newest first, with each job as it is now: an open one with its title,
/// number, employer and referral deadline; a closed, invalid or withdrawn one marked 受付終了 with
/// a link to its page (which says why). Readable whatever the registration's state (ACC-9 stops searching, not reading).
/// </summary>
public static class ListFavorites
{
    public const int BoxSize = 3;

    public sealed record Row(long JobId, string Number, string Title, string EmployerName, DateOnly? ReferralDeadline, bool Open, DateTime AddedAt)
    {
        public string? Deadline => ReferralDeadline?.ToString("yyyy/MM/dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<IReadOnlyList<Row>> LoadAsync(AppDb db, Guid seekerId, DateTime now, int? take, CancellationToken ct)
    {
        var query = from f in db.Set<Favorite>()
                    where f.SeekerId == seekerId
                    join j in db.Set<Job>() on f.JobId equals j.Id
                    join e in db.Set<Establishment>() on j.EstablishmentId equals e.Id
                    orderby f.CreatedAt descending, f.JobId descending
                    select new Row(j.Id, j.Number!, j.Title, e.Name, j.ReferralDeadline, j.Status == JobStatus.Open && j.ValidUntil >= now, f.CreatedAt);
        return await (take is { } n ? query.Take(n) : query).ToListAsync(ct);
    }

    public static async Task<IResult> Page(HttpContext context, AppDb db, Pages pages, TimeProvider clock, CancellationToken ct)
    {
        var rows = await LoadAsync(db, context.User.Id(), clock.GetUtcNow().UtcDateTime, null, ct);
        return pages.Page(context, "savedsearches/favorites",
            new { Rows = rows, Max = Favorite.MaxPerSeeker, ReturnUrl = FavoriteSlots.ReturnUrlOf(context.Request) }, "savedsearches.favorites.title");
    }

    public static async Task<IResult> Box(HttpContext context, AppDb db, Pages pages, TimeProvider clock, CancellationToken ct) =>
        pages.Fragment(context, "savedsearches/_favorites-box-items", await BoxAsync(db, context.User.Id(), clock.GetUtcNow().UtcDateTime, ct));

    /// <summary>The MyPage box: how many, and the latest few, in one statement (the count rides on each row; none: none).</summary>
    public static async Task<object> BoxAsync(AppDb db, Guid seekerId, DateTime now, CancellationToken ct)
    {
        var latest = await (from f in db.Set<Favorite>()
                            where f.SeekerId == seekerId
                            join j in db.Set<Job>() on f.JobId equals j.Id
                            orderby f.CreatedAt descending, f.JobId descending
                            select new
                            {
                                Row = new BoxRow(j.Id, j.Number!, j.Title, j.Status == JobStatus.Open && j.ValidUntil >= now),
                                Total = db.Set<Favorite>().Count(x => x.SeekerId == seekerId),
                            })
            .Take(BoxSize).ToListAsync(ct);
        return new { Count = latest.Count == 0 ? 0 : latest[0].Total, Latest = latest.Select(l => l.Row).ToList() };
    }

    public sealed record BoxRow(long JobId, string Number, string Title, bool Open);
}
