using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace HelloWork.Web.Mail;

/// <summary>
/// The site address in mail links: Mail:PublicBaseUrl when it is set; otherwise the address the
/// server really listens on (https before http; a wildcard host such as + or [::] read as
/// localhost), so the demo's links work on whatever port it was started. Never a request's Host
/// header, which whoever sends the request chooses.
/// </summary>
public sealed class PublicBaseUrl(IOptions<MailOptions> options, IServer server, IHostEnvironment env, ILogger<PublicBaseUrl> logger)
{
    private const string Fallback = "http://localhost";
    private int _warned;

    public string Value
    {
        get
        {
            var configured = options.Value.PublicBaseUrl;
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return configured.Trim().TrimEnd('/');
            }
            var derived = FromAddresses(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []) ?? Fallback;
            if (!env.IsDevelopment() && Interlocked.Exchange(ref _warned, 1) == 0)
            {
                logger.LogWarning("Mail:PublicBaseUrl is not set: links in mails use {Address}, the address this server listens on", derived);
            }
            return derived;
        }
    }

    /// <summary>The first https address, else the first http one, as a browser would write it; null when there is none.</summary>
    public static string? FromAddresses(IEnumerable<string> addresses)
    {
        var parsed = addresses.Select(Parse).OfType<BindingAddress>()
            .Where(a => !a.IsUnixPipe && !a.IsNamedPipe && a.Scheme is "http" or "https")
            .OrderBy(a => a.Scheme == "https" ? 0 : 1)
            .FirstOrDefault();
        if (parsed is null)
        {
            return null;
        }
        var host = parsed.Host is "+" or "*" or "0.0.0.0" or "[::]" or "::" ? "localhost" : parsed.Host;
        var defaultPort = parsed.Scheme == "https" ? 443 : 80;
        return parsed.Port == defaultPort ? $"{parsed.Scheme}://{host}" : $"{parsed.Scheme}://{host}:{parsed.Port}";
    }

    private static BindingAddress? Parse(string address)
    {
        try
        {
            return BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
