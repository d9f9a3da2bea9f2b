using HelloWork.Web.Domain;
using System.Collections.Frozen;
using System.Globalization;
using HandlebarsDotNet;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace HelloWork.Web.Rendering;

public sealed class RenderingOptions
{
    public const string Section = "Rendering";

    /// <summary>Folder with the .hbs files; by default the templates/ copied next to the app.</summary>
    public string? TemplatesPath { get; set; }
}

/// <summary>
/// Every .hbs under templates/ compiled once at start-up. A file's name is its path without
/// ".hbs" (notices/index); files whose name starts with "_" are also partials, by the same name
/// ({{> notices/_list}}). {{x}} escapes; {{{x}}} is only for HTML our own code rendered.
/// </summary>
public sealed partial class Templates
{
    private readonly FrozenDictionary<string, HandlebarsTemplate<object, object>> _compiled;

    public Templates(IOptions<RenderingOptions> options, Texts texts, IHttpContextAccessor http, IAntiforgery antiforgery)
    {
        var root = FindRoot(options.Value.TemplatesPath);
        var hb = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = false });
        // Plain-text mail parts (*.text, *.subject) must not be HTML-escaped.
        var plain = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = false, NoEscape = true });
        RegisterHelpers(hb, texts, http, antiforgery);
        RegisterHelpers(plain, texts, http, antiforgery);

        var files = Directory.EnumerateFiles(root, "*.hbs", SearchOption.AllDirectories)
            .Select(f => (Name: Path.GetRelativePath(root, f)[..^4].Replace('\\', '/'), Source: Normalize(File.ReadAllText(f))))
            .ToList();
        foreach (var (name, source) in files.Where(f => Path.GetFileName(f.Name).StartsWith('_')))
        {
            // Partials live in the escaping environment only: registering them in both lets a nested
            // partial resolve to the no-escape copy (seen with Handlebars.Net 2.4.3). Plain-text
            // mail templates therefore use no partials.
            hb.RegisterTemplate(name, source);
        }
        var compiled = new Dictionary<string, HandlebarsTemplate<object, object>>(StringComparer.Ordinal);
        foreach (var (name, source) in files)
        {
            try
            {
                compiled[name] = IsPlainText(name) ? plain.Compile(source) : hb.Compile(source);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"Template '{name}' does not compile: {e.Message}", e);
            }
        }
        _compiled = compiled.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IEnumerable<string> Names => _compiled.Keys;

    public string Render(string name, object? model) =>
        _compiled.TryGetValue(name, out var template)
            ? template(model ?? new object())
            : throw new InvalidOperationException($"No template '{name}'");

    /// <summary>
    /// Handlebars.Net 2.4.3 renders a partial called on an indented line of its own ("    {{> x}}")
    /// without HTML escaping (reproduced; see TemplatesTests). Taking the indentation away before
    /// compiling makes every partial call escape, whoever indents it later.
    /// </summary>
    public static string Normalize(string source) => IndentedPartial().Replace(source, "$1");

    [System.Text.RegularExpressions.GeneratedRegex(@"(?m)^[ \t]+(\{\{~?>)")]
    private static partial System.Text.RegularExpressions.Regex IndentedPartial();

    private static bool IsPlainText(string name) =>
        name.EndsWith(".text", StringComparison.Ordinal) || name.EndsWith(".subject", StringComparison.Ordinal);

    public static string FindRoot(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }
        var beside = Path.Combine(AppContext.BaseDirectory, "templates");
        if (Directory.Exists(beside))
        {
            return beside;
        }
        throw new InvalidOperationException($"No templates folder at {beside}; set Rendering:TemplatesPath");
    }

    private static void RegisterHelpers(IHandlebars hb, Texts texts, IHttpContextAccessor http, IAntiforgery antiforgery)
    {
        // {{t "key"}} or {{t "key" arg0 arg1}}: a text in the request's language, escaped.
        hb.RegisterHelper("t", (output, _, args) =>
            output.Write(texts.Format(args[0]?.ToString() ?? "", args.AsEnumerable().Skip(1).ToArray())));

        // {{datetime SentAt}} / {{date SentAt}}: an instant shown in Japan time.
        hb.RegisterHelper("datetime", (output, _, args) =>
            output.Write(args[0] is DateTime d ? JapanTime.ToJst(d).ToString("yyyy/MM/dd HH:mm", CultureInfo.InvariantCulture) : ""));
        hb.RegisterHelper("date", (output, _, args) =>
            output.Write(args[0] is DateTime d ? JapanTime.ToJst(d).ToString("yyyy/MM/dd", CultureInfo.InvariantCulture) : ""));
        hb.RegisterHelper("iso", (output, _, args) =>
            output.Write(args[0] is DateTime d ? d.ToString("O", CultureInfo.InvariantCulture) : ""));

        // {{#if (eq a b)}}
        hb.RegisterHelper("eq", (_, args) => Equals(args[0]?.ToString(), args[1]?.ToString()));

        // {{csrf}}: the antiforgery field for a form in the current request.
        hb.RegisterHelper("csrf", (output, _, _) =>
        {
            var context = http.HttpContext ?? throw new InvalidOperationException("csrf outside a request");
            var tokens = antiforgery.GetAndStoreTokens(context);
            output.WriteSafeString($"<input type=\"hidden\" name=\"{tokens.FormFieldName}\" value=\"{System.Net.WebUtility.HtmlEncode(tokens.RequestToken)}\">");
        });

        // {{csrfToken}}: the token alone, for the page script's header on htmx requests.
        hb.RegisterHelper("csrfToken", (output, _, _) =>
        {
            var context = http.HttpContext ?? throw new InvalidOperationException("csrf outside a request");
            output.Write(antiforgery.GetAndStoreTokens(context).RequestToken ?? "");
        });

        // {{lang}}: "ja" or "en".
        hb.RegisterHelper("lang", (output, _, _) => output.Write(Texts.CurrentLanguage));
    }
}
