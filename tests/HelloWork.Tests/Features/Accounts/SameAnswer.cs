using System.Text.RegularExpressions;

namespace HelloWork.Tests.Features.Accounts;

/// <summary>
/// SEC-6: two answers are "the same" when the status, the whole HTML (what was typed and the
/// per-request antiforgery token set aside) and the response headers (names, and each cookie's
/// name, attributes and value length) are equal.
/// </summary>
public static partial class SameAnswer
{
    /// <summary>
    /// Posts a form whose page mails "if it matched": the answer comes no sooner than
    /// AuthKeyFlow.AnswerFloor, matched or not (a lower bound the padding guarantees, timed from the
    /// post alone, so no test depends on a busy machine's luck).
    /// </summary>
    public static async Task<Page> PostAtTheFloorAsync(this UserClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string formPage)
    {
        await client.RefreshTokenAsync(formPage);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var page = await client.PostFormPageAsync(url, fields);
        Assert.True(started.Elapsed >= HelloWork.Web.Features.Accounts.AuthKeyFlow.AnswerFloor, $"{url} answered in {started.Elapsed}");
        return page;
    }

    public static void AssertSame(Page a, string typedA, Page b, string typedB)
    {
        Assert.Equal(a.Status, b.Status);
        Assert.Equal(Normalized(a.Html, typedA), Normalized(b.Html, typedB));
        Assert.Equal(HeaderShape(a), HeaderShape(b));
    }

    private static string Normalized(string html, string typed)
    {
        if (typed.Length > 0) html = html.Replace(typed, "{typed}", StringComparison.Ordinal);
        html = TokenField().Replace(html, "name=\"__RequestVerificationToken\" value=\"{token}\"");
        return TokenMeta().Replace(html, "<meta name=\"csrf-token\" content=\"{token}\">");
    }

    private static string HeaderShape(Page page)
    {
        var headers = page.Response.Headers.Concat(page.Response.Content.Headers)
            .Where(h => h.Key is not ("Date" or "Content-Length"))
            .SelectMany(h => h.Value.Select(v => h.Key == "Set-Cookie" ? $"Set-Cookie: {CookieShape(v)}" : $"{h.Key}: {(h.Key.StartsWith("HX-", StringComparison.Ordinal) ? v : "")}"));
        return string.Join("\n", headers.Order(StringComparer.Ordinal));
    }

    private static string CookieShape(string setCookie)
    {
        var parts = setCookie.Split(';', 2);
        var nameValue = parts[0].Split('=', 2);
        return $"{nameValue[0]}=<{nameValue[1].Length}>;{(parts.Length > 1 ? parts[1] : "")}";
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"[^\"]*\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"[^\"]*\">")]
    private static partial Regex TokenMeta();
}
