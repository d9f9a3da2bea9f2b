namespace HelloWork.Web.Features.Sessions;

/// <summary>
/// A browser's User-Agent in plain words ("Chrome / Android"), for the list of sessions. Only the
/// common browsers and systems are named; anything else is "unknown" rather than a guess.
/// </summary>
public static class DeviceNames
{
    // Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari", Android also says "Linux".
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("EdgiOS", "Edge"), ("EdgA/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser", "Samsung Internet"),
        ("Firefox/", "Firefox"), ("FxiOS", "Firefox"), ("CriOS", "Chrome"), ("Chrome/", "Chrome"), ("Version/", "Safari"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("Windows", "Windows"), ("CrOS", "ChromeOS"),
        ("Macintosh", "Mac"), ("Linux", "Linux"),
    ];

    /// <summary>"Browser / System", or one of them alone, or null when neither is known.</summary>
    public static string? Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return null;
        var browser = First(Browsers, userAgent);
        if (browser == "Safari" && !userAgent.Contains("Safari/", StringComparison.Ordinal)) browser = null;
        var system = First(Systems, userAgent);
        return (browser, system) switch
        {
            (null, null) => null,
            (null, _) => system,
            (_, null) => browser,
            _ => $"{browser} / {system}",
        };
    }

    private static string? First((string Token, string Name)[] known, string userAgent) =>
        known.FirstOrDefault(k => userAgent.Contains(k.Token, StringComparison.Ordinal)).Name;
}
