using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace HelloWork.Web.Http;

/// <summary>
/// SEC-8, behind a proxy: X-Forwarded-For and X-Forwarded-Proto are believed only from the
/// proxies named in Proxy:KnownProxies (addresses) and Proxy:KnownNetworks (CIDR ranges); with
/// none named they are ignored from everyone, loopback included (the framework's own default
/// trusts loopback, and an empty list would trust every address). HSTS outside Development;
/// every cookie the app sets is Secure in Production, and elsewhere whenever the request came
/// over https (directly, or through a named proxy).
/// </summary>
public static class TransportSecurity
{
    public const string Section = "Proxy";

    public static WebApplicationBuilder AddTransportSecurity(this WebApplicationBuilder builder)
    {
        var proxy = builder.Configuration.GetSection(Section);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var entry in Entries(proxy.GetSection("KnownProxies")))
            {
                o.KnownProxies.Add(IPAddress.TryParse(entry, out var address) ? address
                    : throw new InvalidOperationException($"{Section}:KnownProxies: '{entry}' is not an IP address"));
            }
            foreach (var entry in Entries(proxy.GetSection("KnownNetworks")))
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(entry, out var network) ? network
                    : throw new InvalidOperationException($"{Section}:KnownNetworks: '{entry}' is not a network such as 10.0.0.0/8"));
            }
            // Each hop is believed only while the address it came from is a named proxy, so a chain
            // of named proxies is followed and the first address that is not one ends it.
            o.ForwardLimit = null;
        });
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        // One place for every cookie, ours and the framework's (sign-in, antiforgery, language, code steps).
        builder.Services.Configure<CookiePolicyOptions>(o =>
            o.Secure = builder.Environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        return builder;
    }

    /// <summary>First in the pipeline: what follows sees the client's address and scheme.</summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        var forwarded = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        if (forwarded.KnownProxies.Count > 0 || forwarded.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseCookiePolicy();
        return app;
    }

    /// <summary>A list in configuration (Proxy:KnownProxies:0 ...) or one value separated by commas (Proxy__KnownProxies=a,b).</summary>
    private static IEnumerable<string> Entries(IConfigurationSection section) =>
        (section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? ""))
        .SelectMany(v => v.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
