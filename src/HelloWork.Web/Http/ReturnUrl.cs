using System.Diagnostics.CodeAnalysis;

namespace HelloWork.Web.Http;

/// <summary>
/// SEC-2: the one check for every return URL the app reads (the login page's ?returnUrl, the hidden
/// field that carries it through the password step, the target kept while the mailed code is
/// entered). Only a path of this site passes; anything else falls back to the person's home page.
/// </summary>
public static class ReturnUrl
{
    /// <summary>Longer than any page of ours with its query; a longer value is not one of our links.</summary>
    public const int MaxLength = 2048;

    /// <summary>How often an encoded value is decoded again to look for a hidden "//" or control character.</summary>
    private const int DecodeRounds = 3;

    /// <summary><paramref name="url"/> when it is a path of this site, else <paramref name="home"/>.</summary>
    public static string OrHome(string? url, string home) => IsLocalPath(url) ? url : home;

    /// <summary>
    /// True for "/path", "/path?query" and "/path#part" on this site. Refused: anything that is not
    /// printable ASCII (browsers drop tab, CR and LF, so "/\t/evil.example" is "//evil.example"; a
    /// raw CR/LF or non-ASCII character cannot even be put in a Location header), any backslash
    /// (browsers read "/\evil.example" as "//evil.example"), "//" at the start (another host),
    /// anything not starting with "/" (absolute URLs: http:, https:, javascript:, data: ...), and a
    /// path that only decodes into one of these ("/%2F/evil.example", "/%09/evil.example",
    /// "%252F%252F..." decoded twice). An encoded query such as "?q=%E6%97%A5" passes as it is.
    /// </summary>
    public static bool IsLocalPath([NotNullWhen(true)] string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || !StartsAsPath(url))
        {
            return false;
        }
        foreach (var c in url)
        {
            if (c is <= ' ' or > '~' or '\\')
            {
                return false;
            }
        }
        var path = url.Split('?', '#')[0];
        for (var round = 0; round < DecodeRounds; round++)
        {
            var decoded = Uri.UnescapeDataString(path);
            if (decoded == path)
            {
                return true;
            }
            if (!StartsAsPath(decoded) || decoded.Any(c => char.IsControl(c) || c == '\\'))
            {
                return false;
            }
            path = decoded;
        }
        return false; // still changing after several rounds: not a link we made
    }

    private static bool StartsAsPath(string url) =>
        url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
