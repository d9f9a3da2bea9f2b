using System.Net;
using Microsoft.Extensions.Options;

namespace HelloWork.Web.Http;

/// <summary>The developer pages, each off unless its setting turns it on (appsettings.Development.json does).</summary>
public sealed class DevToolsOptions
{
    public const string Section = "DevTools";

    /// <summary>/dev/mails: every mail the app sent, sign-in codes and keys included.</summary>
    public bool MailInbox { get; set; }

    /// <summary>The demo accounts and their password, listed on the login pages.</summary>
    public bool DemoLogins { get; set; }
}

/// <summary>
/// SEC-1: a developer page answers only in Development, only when its setting is on, and only to
/// a request made on this machine: from a loopback address, through no proxy, and to a loopback
/// host name (so a page elsewhere that points its own name at 127.0.0.1 cannot read it through the
/// developer's browser). Anything else gets what a page that does not exist gets.
/// </summary>
public static class DevTools
{
    public static bool MailInbox(HttpContext context) => Allows(context, o => o.MailInbox);

    public static bool DemoLogins(HttpContext context) => Allows(context, o => o.DemoLogins);

    /// <summary>404 for every endpoint of <paramref name="builder"/> unless the mail inbox is open to this request.</summary>
    public static TBuilder RequireMailInbox<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) => MailInbox(context.HttpContext) ? await next(context) : Results.NotFound());

    private static bool Allows(HttpContext context, Func<DevToolsOptions, bool> enabled)
    {
        var services = context.RequestServices;
        return services.GetRequiredService<IHostEnvironment>().IsDevelopment()
            && enabled(services.GetRequiredService<IOptions<DevToolsOptions>>().Value)
            && IsFromThisMachine(context);
    }

    /// <summary>From a loopback address, through no proxy, to a loopback host name.</summary>
    public static bool IsFromThisMachine(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || !IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
        {
            return false;
        }
        // A proxy on this machine makes every visitor look local; what it forwarded says so.
        var headers = context.Request.Headers;
        if (headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("Forwarded") || headers.ContainsKey("X-Original-For"))
        {
            return false;
        }
        var host = context.Request.Host.Host.TrimStart('[').TrimEnd(']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
