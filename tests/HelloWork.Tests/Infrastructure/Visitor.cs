using System.Net;

namespace HelloWork.Tests.Infrastructure;

/// <summary>
/// A browser as the app sees it over the network: every request comes from <see cref="Address"/>
/// (HelloWorkApp.ClientAddressHeader) with <see cref="Headers"/> added, as a proxy adds them, and
/// cookies are kept as a browser keeps them for <see cref="BrowserUrl"/>. Behind a proxy that ends
/// TLS, that is the https address the person typed, so Secure cookies come back as they would.
/// </summary>
public sealed class Visitor(string address, Uri browserUrl, IReadOnlyDictionary<string, string>? headers = null) : DelegatingHandler
{
    private readonly List<string> _setCookies = [];

    public string Address => address;
    public Uri BrowserUrl => browserUrl;
    public IReadOnlyDictionary<string, string> Headers => headers ?? new Dictionary<string, string>();
    public CookieContainer Cookies { get; } = new();

    /// <summary>Every Set-Cookie the app answered, in order.</summary>
    public IReadOnlyList<string> SetCookies { get { lock (_setCookies) return [.. _setCookies]; } }

    /// <summary>A client of <paramref name="app"/> at <paramref name="appUrl"/> (the Host the app sees) through this visitor.</summary>
    public UserClient ClientOf(HelloWorkApp app, Uri appUrl) => new(app.CreateDefaultClient(appUrl, this), Cookies, BrowserUrl);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        request.Headers.Add(HelloWorkApp.ClientAddressHeader, address);
        foreach (var (name, value) in Headers)
        {
            request.Headers.Add(name, value);
        }
        // The address the person's browser asked for: its cookies, by domain, path and Secure.
        var asked = new Uri(browserUrl, request.RequestUri!.PathAndQuery);
        var cookie = Cookies.GetCookieHeader(asked);
        if (cookie.Length > 0)
        {
            request.Headers.Remove("Cookie");
            request.Headers.Add("Cookie", cookie);
        }
        var response = await base.SendAsync(request, ct);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                lock (_setCookies) _setCookies.Add(setCookie);
                Cookies.SetCookies(asked, setCookie);
            }
        }
        return response;
    }
}
