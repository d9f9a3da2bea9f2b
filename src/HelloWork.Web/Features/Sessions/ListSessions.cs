using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelloWork.Web.Features.Sessions;

/// <summary>
/// SEC-4: the person's own active sessions, each with its device in plain words, when it signed in
/// and when it was last seen; this browser is marked. Shown on its own page and inside the
/// account settings (which load it).
/// </summary>
public static class ListSessions
{
    public sealed record Row(long Id, string Device, DateTime SignedInAt, DateTime LastSeenAt, bool IsThis);

    public sealed record View(IReadOnlyList<Row> Sessions, bool HasOthers, int SlidingMinutes, int AbsoluteHours, string? Done);

    public static async Task<IResult> Show(HttpContext context, AppDb db, Pages pages, Texts texts, TimeProvider clock, IOptions<SessionLifetimeOptions> options, CancellationToken ct) =>
        Render(context, pages, await ViewAsync(context, db, texts, clock, options.Value, null, ct));

    internal static async Task<View> ViewAsync(HttpContext context, AppDb db, Texts texts, TimeProvider clock, SessionLifetimeOptions options, string? done, CancellationToken ct)
    {
        var userId = context.User.Id();
        var current = SessionClaim.IdOf(context.User);
        var now = clock.GetUtcNow().UtcDateTime;
        var sessions = await db.Set<UserSession>().AsNoTracking()
            .Where(s => s.UserId == userId).Where(UserSession.ActiveAt(now))
            .Select(s => new { s.Id, s.UserAgent, s.CreatedAt, s.LastSeenAt })
            .ToListAsync(ct);
        var rows = sessions
            .OrderByDescending(s => s.Id == current).ThenByDescending(s => s.LastSeenAt).ThenByDescending(s => s.Id)
            .Select(s => new Row(s.Id, DeviceNames.Describe(s.UserAgent) ?? texts.Get("sessions.unknown-device"), s.CreatedAt, s.LastSeenAt, s.Id == current))
            .ToList();
        return new View(rows, rows.Any(r => !r.IsThis), options.SlidingMinutes, options.AbsoluteHours, done);
    }

    internal static IResult Render(HttpContext context, Pages pages, View view) =>
        pages.Page(context, "sessions/index", view, "sessions.title");
}
