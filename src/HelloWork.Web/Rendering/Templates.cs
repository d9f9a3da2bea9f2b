using System.Collections.Frozen;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Scriban;
using Scriban.Runtime;

namespace HelloWork.Web.Rendering;

public sealed class RenderingOptions
{
    public const string Section = "Rendering";

    /// <summary>Folder with the .html and .txt templates; by default the templates/ copied next to the app.</summary>
    public string? TemplatesPath { get; set; }
}

/// <summary>
/// Every Scriban template under templates/ parsed once at start-up. A template's name is its path
/// without the extension (notices/index, mail/login-code.subject). <c>.html</c> files render
/// HTML with every value encoded; <c>.txt</c> files (mail subjects and text bodies) render plain
/// text with nothing encoded. Files whose name starts with "_" are partials, used with
/// <c>{{ include "notices/_list" }}</c> or <c>{{ include "messages/_state" State }}</c>.
/// </summary>
public sealed class Templates
{
    public const string HtmlExtension = ".html";
    public const string TextExtension = ".txt";

    private readonly FrozenDictionary<string, Parsed> _parsed;
    private readonly ScriptObject _builtins;

    private sealed record Parsed(Template Template, bool PlainText);

    public Templates(IOptions<RenderingOptions> options, Texts texts, IHttpContextAccessor http, IAntiforgery antiforgery)
    {
        var root = FindRoot(options.Value.TemplatesPath);
        var parsed = new Dictionary<string, Parsed>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var extension = Path.GetExtension(file);
            if (extension != HtmlExtension && extension != TextExtension)
            {
                continue;
            }
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            var template = Template.Parse(File.ReadAllText(file), relative);
            if (template.HasErrors)
            {
                // Messages read "messages/thread.html(12,5) : error : ...": file and line.
                throw new InvalidOperationException($"Template '{relative}' does not parse: {string.Join("; ", template.Messages)}");
            }
            var name = relative[..^extension.Length];
            if (!parsed.TryAdd(name, new Parsed(template, extension == TextExtension)))
            {
                throw new InvalidOperationException($"Template '{name}' exists as both .html and .txt");
            }
        }
        _parsed = parsed.ToFrozenDictionary(StringComparer.Ordinal);
        _builtins = TemplateHelpers.Create(texts, http, antiforgery, Include);
    }

    public IEnumerable<string> Names => _parsed.Keys;

    public string Render(string name, object? model)
    {
        var parsed = Find(name);
        RenderContext context = parsed.PlainText ? new TextContext(_builtins) : new HtmlContext(_builtins);
        context.PushGlobal(Globals(model));
        return parsed.Template.Render(context);
    }

    /// <summary>
    /// <c>include "name"</c> renders a partial with the caller's values, <c>include "name" Model</c>
    /// with Model's members as its own. The result is <see cref="RawHtml"/>: it was encoded as it
    /// was rendered, so it must not be encoded again.
    /// </summary>
    private RawHtml Include(TemplateContext context, string name, object?[] args)
    {
        var parsed = Find(name);
        var render = (RenderContext)context;
        if (parsed.PlainText != render is TextContext)
        {
            throw new InvalidOperationException($"Template '{name}' cannot be included in a template of the other kind (HTML and plain text)");
        }
        if (++render.IncludeDepth > render.RecursiveLimit)
        {
            throw new InvalidOperationException($"Includes nested deeper than {render.RecursiveLimit} at '{name}'");
        }
        var pushed = args.Length > 0;
        if (pushed)
        {
            context.PushGlobal(Globals(args[0]));
        }
        IScriptOutput output;
        context.PushOutput();
        try
        {
            context.Evaluate(parsed.Template.Page!);
        }
        finally
        {
            output = context.PopOutput();
            if (pushed)
            {
                context.PopGlobal();
            }
            render.IncludeDepth--;
        }
        return new RawHtml(output.ToString() ?? "");
    }

    private Parsed Find(string name) =>
        _parsed.TryGetValue(name, out var parsed) ? parsed : throw new InvalidOperationException($"No template '{name}'");

    private static ScriptObject Globals(object? model)
    {
        var globals = new ScriptObject();
        if (model is not null)
        {
            globals.Import(model, renamer: member => member.Name);
        }
        return globals;
    }

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
}
