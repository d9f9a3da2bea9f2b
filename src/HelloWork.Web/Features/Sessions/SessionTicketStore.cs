using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using HelloWork.Web.Data;
using HelloWork.Web.Http;
using HelloWork.Web.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelloWork.Web.Features.Sessions;

/// <summary>
/// The sign-in cookie's session store (SEC-4): the cookie carries a random key, the database the
/// sign-in (<see cref="UserSession"/>). The cookie handler calls Retrieve on every request that
/// carries the cookie, Store on a sign-in, Renew when it slides the expiry on or the same person is
/// signed in again, Remove on logout or expiry. The writing calls open their own scope, so a use
/// case's pending changes are never saved by them; Retrieve only reads (and moves "last seen" with
/// one conditional UPDATE), so it uses the request's context and connection and leaves the login
/// it read there for the rest of the request.
/// </summary>
public sealed class SessionTicketStore(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<SessionLifetimeOptions> options, LiveSessions live, ILogger<SessionTicketStore> logger) : ITicketStore
{
    private static readonly object BroughtKey = new();

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null, default);
    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken ct) => StoreAsync(ticket, null, ct);
    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null, default);
    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken ct) => RetrieveAsync(key, null, ct);
    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null, default);
    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken ct) => RenewAsync(key, ticket, null, ct);
    public Task RemoveAsync(string key) => RemoveAsync(key, null, default);
    public Task RemoveAsync(string key, CancellationToken ct) => RemoveAsync(key, null, ct);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext? httpContext, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var key = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var session = UserSession.Start(Hash(key), CurrentUser.IdOf(ticket.Principal), Serialize(ticket),
            httpContext?.Request.Headers.UserAgent.ToString(), now, ExpiryOf(ticket, now), options.Value.Absolute);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        db.Add(session);
        // A sign-in never continues a session the browser brought (see StartsNewSession): that one ends now.
        var brought = httpContext?.Items[BroughtKey] is string old ? await FindAsync(db, old, ct) : null;
        var endBrought = brought?.End(now) == true;
        await db.SaveChangesAsync(ct);
        if (endBrought) await live.EndAsync([brought!.Id]);
        return key;
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext? httpContext, CancellationToken ct)
    {
        if (httpContext?.GetEndpoint()?.Metadata.GetMetadata<StartsNewSessionMetadata>() is not null)
        {
            // The sign-in pages treat the browser as signed out; a sign-in there ends this session.
            httpContext.Items[BroughtKey] = key;
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        // Read only (no SaveChanges): the request's own context and connection serve, outside a request a scope of its own.
        await using var scope = httpContext is null ? scopes.CreateAsyncScope() : default(AsyncServiceScope?);
        var db = (scope?.ServiceProvider ?? httpContext!.RequestServices).GetRequiredService<AppDb>();
        var hash = Hash(key);
        // The session and its login in one statement. The login is attached to the request's
        // context, so the security-stamp check that follows (Identity finds users with FindAsync)
        // and the page (CurrentUser) use it without reading it again: one read per request.
        var found = await db.Set<UserSession>().AsNoTracking().Where(s => s.KeyHash == hash)
            .Select(s => new { Session = s, User = db.Users.FirstOrDefault(u => u.Id == s.UserId) })
            .SingleOrDefaultAsync(ct);
        var session = found?.Session;
        if (session is null || !session.IsActive(now) || Deserialize(session.Ticket) is not { } ticket)
        {
            return null;
        }
        if (scope is null && found!.User is { } user && db.Users.Local.FindEntry(user.Id) is null)
        {
            db.Users.Attach(user);
        }
        var every = options.Value.LastSeenEvery;
        if (session.LastSeenIsStale(now, every))
        {
            // Conditional, so of several requests at once only one writes.
            var staleBefore = now - every;
            await db.Set<UserSession>().Where(s => s.Id == session.Id && s.LastSeenAt <= staleBefore)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), ct);
        }
        // The absolute end bounds the expiry everything reads (the cookie handler, the live hub's
        // timer); renewing could not move it any further, so the handler is told not to try.
        if (ticket.Properties.ExpiresUtc is not { } expires || expires.UtcDateTime > session.AbsoluteExpiresAt)
        {
            ticket.Properties.ExpiresUtc = new DateTimeOffset(session.AbsoluteExpiresAt, TimeSpan.Zero);
            ticket.Properties.AllowRefresh = false;
        }
        SessionClaim.Set(ticket.Principal, session.Id);
        return ticket;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext? httpContext, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var session = await FindAsync(db, key, ct);
        if (session is null || !session.IsActive(now))
        {
            return; // ended meanwhile: it stays ended
        }
        if (session.UserId != CurrentUser.IdOf(ticket.Principal))
        {
            // Someone else signed in on a session the browser brought, outside the pages marked
            // StartsNewSession: a key is never carried over to another person. The session ends.
            logger.LogWarning("Session {Session} was asked to carry another login; ended instead", session.Id);
            session.End(now);
            await db.SaveChangesAsync(ct);
            await live.EndAsync([session.Id]);
            return;
        }
        session.Renew(Serialize(ticket), ExpiryOf(ticket, now), now);
        await db.SaveChangesAsync(ct);
    }

    public async Task RemoveAsync(string key, HttpContext? httpContext, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var session = await FindAsync(db, key, ct);
        if (session?.End(now) != true)
        {
            return;
        }
        await db.SaveChangesAsync(ct);
        await live.EndAsync([session.Id]);
    }

    private static Task<UserSession?> FindAsync(AppDb db, string key, CancellationToken ct)
    {
        var hash = Hash(key);
        return db.Set<UserSession>().SingleOrDefaultAsync(s => s.KeyHash == hash, ct);
    }

    private DateTime ExpiryOf(AuthenticationTicket ticket, DateTime now) =>
        ticket.Properties.ExpiresUtc?.UtcDateTime ?? now + options.Value.Sliding;

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(key)));

    private static byte[] Serialize(AuthenticationTicket ticket) => TicketSerializer.Default.Serialize(ticket);

    private static AuthenticationTicket? Deserialize(byte[] data) => TicketSerializer.Default.Deserialize(data);
}

/// <summary>The session's public id, put into the signed-in principal by the store (not the key: it only ever names the row).</summary>
public static class SessionClaim
{
    public const string Type = "hw:sid";

    public static long? IdOf(ClaimsPrincipal? principal) =>
        long.TryParse(principal?.FindFirstValue(Type), out var id) ? id : null;

    internal static void Set(ClaimsPrincipal principal, long sessionId)
    {
        var identity = principal.Identities.First();
        foreach (var old in identity.FindAll(Type).ToList()) identity.RemoveClaim(old);
        identity.AddClaim(new Claim(Type, sessionId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}

/// <summary>
/// On an endpoint that signs a person in (sign-in, the login code, the sign-up keys): a session the
/// browser brings is not continued there. The request counts as signed out, the sign-in gets a new
/// key, and the brought session ends (no session fixation).
/// </summary>
public sealed class StartsNewSessionMetadata
{
    public static readonly StartsNewSessionMetadata Instance = new();
}

public static class StartsNewSessionExtensions
{
    public static TBuilder StartsNewSession<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(StartsNewSessionMetadata.Instance);
}
