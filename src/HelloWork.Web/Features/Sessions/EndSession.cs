using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Live;
using HelloWork.Web.Rendering;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelloWork.Web.Features.Sessions;

/// <summary>
/// SEC-4: the person ends one of their sessions, or every other one. It ends at once: that
/// browser's next request is signed out and its live connections close. Ending this browser's own
/// session is a logout. Another person's session answers 404.
/// </summary>
public static class EndSession
{
    public static async Task<IResult> One(
        HttpContext context, long id, AppDb db, SignInManager<AppUser> signIn, LiveSessions live, Pages pages, Texts texts,
        TimeProvider clock, IOptions<SessionLifetimeOptions> options, CancellationToken ct)
    {
        var userId = context.User.Id();
        var session = await db.Set<UserSession>().SingleOrDefaultAsync(s => s.Id == id && s.UserId == userId, ct);
        if (session is null)
        {
            return Results.NotFound();
        }
        if (session.Id == SessionClaim.IdOf(context.User))
        {
            await signIn.SignOutAsync(); // the store ends the session and closes its connections
            return OpenMyPage.Redirect(context, "/");
        }
        if (session.End(clock.GetUtcNow().UtcDateTime))
        {
            await db.SaveChangesAsync(ct);
            await live.EndAsync([session.Id]);
        }
        var view = await ListSessions.ViewAsync(context, db, texts, clock, options.Value, texts.Get("sessions.ended"), ct);
        return ListSessions.Render(context, pages, view);
    }

    /// <summary>"Sign out every other browser": this one stays signed in.</summary>
    public static async Task<IResult> Others(
        HttpContext context, AppDb db, LiveSessions live, Pages pages, Texts texts, TimeProvider clock, IOptions<SessionLifetimeOptions> options, CancellationToken ct)
    {
        var userId = context.User.Id();
        var keep = SessionClaim.IdOf(context.User);
        var now = clock.GetUtcNow().UtcDateTime;
        var others = await db.Set<UserSession>().Where(s => s.UserId == userId && s.EndedAt == null && s.Id != keep).ToListAsync(ct);
        var ended = others.Where(s => s.End(now)).Select(s => s.Id).ToList();
        await db.SaveChangesAsync(ct);
        await live.EndAsync(ended);
        var view = await ListSessions.ViewAsync(context, db, texts, clock, options.Value, texts.Get("sessions.others-ended"), ct);
        return ListSessions.Render(context, pages, view);
    }
}
