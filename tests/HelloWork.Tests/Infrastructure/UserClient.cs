using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace HelloWork.Tests.Infrastructure;

/// <summary>
/// One person's browser without the browser: keeps cookies, answers antiforgery like a form
/// does, and can ask the way htmx asks (HX-Request).
/// </summary>
public sealed partial class UserClient(HttpClient http, CookieContainer cookies, Uri baseAddress)
{
    private string? _token;

    public HttpClient Http => http;
    public Uri BaseAddress => baseAddress;

    /// <summary>The Cookie header this client sends, for a live connection as the same person.</summary>
    public string CookieHeader => cookies.GetCookieHeader(baseAddress);

    public Task<HttpResponseMessage> GetAsync(string url, bool htmx = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (htmx) request.Headers.Add("HX-Request", "true");
        return http.SendAsync(request);
    }

    public async Task<Page> PageAsync(string url, bool htmx = false)
    {
        using var response = await GetAsync(url, htmx);
        return await Page.ReadAsync(response);
    }

    /// <summary>Posts a form with the antiforgery token taken from <paramref name="formPage"/> (or the last one seen).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string? formPage = null, bool htmx = true)
    {
        if (formPage is not null || _token is null)
        {
            await RefreshTokenAsync(formPage ?? "/");
        }
        var all = fields.ToList();
        all.Add(new("__RequestVerificationToken", _token!));
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(all) };
        if (htmx) request.Headers.Add("HX-Request", "true");
        return await http.SendAsync(request);
    }

    public async Task<Page> PostFormPageAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string? formPage = null, bool htmx = true)
    {
        using var response = await PostFormAsync(url, fields, formPage, htmx);
        return await Page.ReadAsync(response);
    }

    public async Task RefreshTokenAsync(string page)
    {
        var html = await http.GetStringAsync(page);
        _token = TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException($"No antiforgery token on {page}");
    }

    public void ForgetToken() => _token = null;

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>A response read as HTML.</summary>
public sealed record Page(HttpStatusCode Status, string Html, IHtmlDocument Document, HttpResponseMessage Response)
{
    private static readonly HtmlParser Parser = new();

    public static async Task<Page> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return new Page(response.StatusCode, html, Parser.ParseDocument(html), response);
    }

    public string Text(string selector) => Document.QuerySelector(selector)?.TextContent.Trim()
        ?? throw new InvalidOperationException($"No '{selector}' in:\n{Html}");

    public IEnumerable<string> Texts(string selector) => Document.QuerySelectorAll(selector).Select(e => e.TextContent.Trim());

    public bool Has(string selector) => Document.QuerySelector(selector) is not null;

    public string? Header(string name) =>
        Response.Headers.TryGetValues(name, out var v) ? string.Join(",", v)
        : Response.Content.Headers.TryGetValues(name, out var c) ? string.Join(",", c) : null;
}
