using System.Text.RegularExpressions;
using HelloWork.Web.Data;
using HelloWork.Web.Features.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Live;

/// <summary>
/// One hub for every live event. Signed-in users only; users are addressed by their id.
/// A connection ends when the sign-in behind it expires, by the app's own clock (see
/// <see cref="SignInExpiry"/>); the page then connects again with its renewed cookie, or learns
/// that it is signed out.
/// </summary>
[Authorize]
public sealed class LiveHub(TimeProvider clock, LiveSessions sessions, LiveConnectionOwners owners, AppDb db, OpenLiveConnections open) : Hub<ILiveClient>
{
    public const string Path = "/hubs/live";

    public override async Task OnConnectedAsync()
    {
        open.Add(Context);
        owners.Opened(Context.ConnectionId);
        // Grouped by the sign-in session, so ending the session closes this connection (SEC-4).
        if (SessionClaim.IdOf(Context.User) is { } sessionId)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, LiveSessions.Group(sessionId));
            sessions.Opened(sessionId, Context);
            // A session ended between this request's sign-in check and the line above was not here to be closed.
            var now = clock.GetUtcNow().UtcDateTime;
            if (!await db.Set<UserSession>().Where(s => s.Id == sessionId).AnyAsync(UserSession.ActiveAt(now)))
            {
                Context.Abort();
                return;
            }
        }
        SignInExpiry.CloseAt(Context, await SignInExpiry.ExpiresAtAsync(Context), clock);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        open.Remove(Context);
        SignInExpiry.Forget(Context);
        owners.Closed(Context.ConnectionId);
        if (SessionClaim.IdOf(Context.User) is { } sessionId)
        {
            sessions.Closed(sessionId, Context.ConnectionId);
        }
        return Task.CompletedTask;
    }
}

/// <summary>
/// Ends a live connection when the sign-in it was opened with expires. SignalR's own
/// CloseOnAuthenticationExpiration compares the cookie's expiry with the machine's clock, while the
/// cookie's expiry is set from the app's <see cref="TimeProvider"/>; the two must be one clock, or a
/// test clock set in the past would close every connection at once. The timer here runs on the
/// app's clock.
/// </summary>
internal static class SignInExpiry
{
    private static readonly object TimerKey = new();

    public static async Task<DateTimeOffset?> ExpiresAtAsync(HubCallerContext context)
    {
        var http = context.GetHttpContext();
        if (http is null) return null;
        // Set by the authentication middleware on the request that opened the connection; a
        // transport that copies the request (long polling) may not carry it, so read the cookie again.
        var result = http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult
                     ?? await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        return result?.Properties?.ExpiresUtc;
    }

    public static void CloseAt(HubCallerContext context, DateTimeOffset? expires, TimeProvider clock)
    {
        if (expires is not { } at) return;
        var due = at - clock.GetUtcNow();
        if (due <= TimeSpan.Zero)
        {
            context.Abort();
            return;
        }
        context.Items[TimerKey] = clock.CreateTimer(static state => ((HubCallerContext)state!).Abort(), context, due, Timeout.InfiniteTimeSpan);
    }

    public static void Forget(HubCallerContext context)
    {
        if (context.Items.Remove(TimerKey, out var timer)) ((ITimer)timer!).Dispose();
    }
}

public static partial class LiveEvents
{
    /// <summary>The hub methods, for the page script to subscribe to ("NoticeReceived NoticeRead").</summary>
    public static readonly string Names = string.Join(' ', typeof(ILiveClient).GetMethods().Select(m => m.Name).Order());

    public static string ToEventName(string method) => Kebab().Replace(method, "$1-$2").ToLowerInvariant();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex Kebab();
}
