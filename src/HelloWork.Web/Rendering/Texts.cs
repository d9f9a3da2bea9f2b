using System.Globalization;
using System.Text.Json;

namespace HelloWork.Web.Rendering;

/// <summary>
/// UI texts, Japanese first and English too. Each feature keeps its own Resources/{area}.{ja|en}.json
/// (embedded), so features do not edit one shared file; a key defined twice stops the start.
/// </summary>
public sealed class Texts
{
    public const string Japanese = "ja";
    public const string English = "en";
    public static readonly IReadOnlyList<string> Languages = [Japanese, English];

    private readonly Dictionary<string, Dictionary<string, string>> _byLang = new();

    public Texts()
    {
        var assembly = typeof(Texts).Assembly;
        foreach (var lang in Languages)
        {
            _byLang[lang] = new Dictionary<string, string>(StringComparer.Ordinal);
        }
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("texts/", StringComparison.Ordinal)))
        {
            var parts = name["texts/".Length..].Split('.');
            if (parts.Length != 3 || !_byLang.TryGetValue(parts[1], out var into))
            {
                throw new InvalidOperationException($"Text resource '{name}' must be named area.ja.json or area.en.json");
            }
            using var stream = assembly.GetManifestResourceStream(name)!;
            var entries = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                          ?? throw new InvalidOperationException($"Text resource '{name}' is empty");
            foreach (var (key, value) in entries)
            {
                if (!into.TryAdd(key, value))
                {
                    throw new InvalidOperationException($"Text key '{key}' is defined twice ({name})");
                }
            }
        }
    }

    public IReadOnlyCollection<string> Keys(string lang) => _byLang[lang].Keys;

    public static string CurrentLanguage =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == English ? English : Japanese;

    public bool Has(string key) => _byLang[Japanese].ContainsKey(key);

    public string Get(string key) => Get(key, CurrentLanguage);

    public string Get(string key, string lang)
    {
        if (_byLang.TryGetValue(lang, out var texts) && texts.TryGetValue(key, out var text))
        {
            return text;
        }
        return _byLang[Japanese].TryGetValue(key, out var ja) ? ja : $"[{key}]";
    }

    public string Format(string key, params object?[] args) =>
        args.Length == 0 ? Get(key) : string.Format(CultureInfo.CurrentCulture, Get(key), args);
}
