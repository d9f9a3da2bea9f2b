using System.Security.Claims;
using System.Text.Json;
using HelloWork.Web.Features.Sessions;
using Microsoft.Extensions.Options;

namespace HelloWork.Web.Live;

public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>
    /// Origins besides the site's own (the scheme and host a request came to) whose pages may open
    /// live connections, e.g. "https://www.hellowork.example" when the site answers under two names.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}

/// <summary>
/// SEC-7: a live connection is its user's own. In front of the hub (every request under
/// <see cref="LiveHub.Path"/>):
/// <list type="bullet">
/// <item>Origin: a page of another site is refused (403). Browsers send Origin on every WebSocket
/// handshake and every cross-origin request, so a foreign page cannot hide it. A request without
/// Origin is a browser's same-origin GET (the long-polling poll sends none) or a client that is no
/// browser, which can only carry a cookie it was given; it is let through unless Sec-Fetch-Site
/// says a browser sent it cross-site.</item>
/// <item>Owner: SignalR itself only logs when a transport request (?id=token) comes from another
/// user than the one before, and then serves it. Here the negotiate response's token is
/// remembered with the user and sign-in session that asked for it, and a transport request
/// (GET, POST, DELETE) from anyone else answers 404 as any other person's thing does.</item>
/// </list>
/// </summary>
public sealed class LiveConnectionGuard(RequestDelegate next, LiveConnectionOwners owners, IOptions<LiveOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!OriginAllowed(context.Request, options.Value))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        if (LiveOwner.Of(context.User) is not { } owner)
        {
            await next(context); // not signed in: the hub's authorization answers 401
            return;
        }
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments(LiveHub.Path + "/negotiate"))
        {
            await NegotiateAsync(context, owner);
            return;
        }
        var token = context.Request.Query["id"].ToString();
        if (token.Length > 0 && !owners.IsOwnedBy(token, owner))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await next(context);
    }

    public static bool OriginAllowed(HttpRequest request, LiveOptions options)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            var site = request.Headers["Sec-Fetch-Site"].ToString();
            return site.Length == 0 || site is "same-origin" or "none";
        }
        return string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase)
            || options.AllowedOrigins.Any(allowed => string.Equals(origin, allowed.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Lets SignalR answer, reads the token it gave out, remembers whose it is.</summary>
    private async Task NegotiateAsync(HttpContext context, LiveOwner owner)
    {
        var body = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
        }
        if (context.Response.StatusCode == StatusCodes.Status200OK && Ids(buffer) is { } ids)
        {
            owners.Negotiated(ids.Token, ids.ConnectionId, owner);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(body, context.RequestAborted);
    }

    /// <summary>The negotiate response's connection token (protocol 1) or id (protocol 0, where the id is the token).</summary>
    private static (string Token, string ConnectionId)? Ids(MemoryStream response)
    {
        try
        {
            using var json = JsonDocument.Parse(response.GetBuffer().AsMemory(0, (int)response.Length));
            var root = json.RootElement;
            var id = root.TryGetProperty("connectionId", out var c) ? c.GetString() : null;
            var token = root.TryGetProperty("connectionToken", out var t) ? t.GetString() : id;
            return id is null || token is null ? null : (token, id);
        }
        catch (JsonException)
        {
            return null; // nothing remembered: every transport request for it is refused
        }
    }
}

/// <summary>Who opened a live connection: the login and the sign-in session.</summary>
public readonly record struct LiveOwner(Guid UserId, long? SessionId)
{
    public static LiveOwner? Of(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? new LiveOwner(id, SessionClaim.IdOf(user)) : null;
}
