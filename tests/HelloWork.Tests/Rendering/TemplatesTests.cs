using System.Text.RegularExpressions;
using HelloWork.Web.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HelloWork.Tests.Rendering;

public sealed partial class TemplatesTests
{
    internal static readonly string TemplatesRoot = Path.Combine(TestServices.FindRepoRoot(), "templates");

    /// <summary>Templates from the given files; a name's extension (.html or .txt) is part of the key.</summary>
    internal static Templates From(Dictionary<string, string> files)
    {
        var dir = Path.Combine(Path.GetTempPath(), "hw-templates-" + Guid.NewGuid().ToString("N"));
        foreach (var (file, source) in files)
        {
            var path = Path.Combine(dir, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, source);
        }
        return new Templates(Options.Create(new RenderingOptions { TemplatesPath = dir }), new Texts(), new HttpContextAccessor(), null!);
    }

    [Fact]
    public void Values_are_html_encoded_in_every_template_and_partial_at_any_indentation()
    {
        var templates = From(new()
        {
            ["n/_rows.html"] = "{{ for row in Rows }}<li>{{ row.Title }}</li>{{ end }}",
            ["n/_list.html"] = "<ul>\n    {{ include \"n/_rows\" }}\n</ul>",
            ["page.html"] = "<main>\n  {{ include \"n/_list\" }}\n  {{~ include \"n/_list\" ~}}\n<p>{{ Rows[0].Title }}</p></main>",
        });

        var html = templates.Render("page", new { Rows = new[] { new { Title = "<script>alert(1)</script>" } } });

        Assert.Equal(3, Regex.Matches(html, Regex.Escape("&lt;script&gt;alert(1)&lt;/script&gt;")).Count);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("&amp;lt;", html);
    }

    [Fact]
    public void A_partial_gets_the_model_it_is_given_and_is_encoded_once()
    {
        var templates = From(new()
        {
            ["_state.html"] = "<b>{{ Key }}</b>",
            ["page.html"] = "{{ include \"_state\" State }}|{{ Key }}",
        });

        var html = templates.Render("page", new { Key = "outer&", State = new { Key = "<inner>" } });

        Assert.Equal("<b>&lt;inner&gt;</b>|outer&amp;", html);
    }

    [Fact]
    public void Dictionaries_records_and_anonymous_objects_use_their_dotnet_names()
    {
        var templates = From(new() { ["page.html"] = "{{ Model.Title }} {{ Model.SentAt.Year }} {{ BaseUrl }} {{ Missing.Member }}" });

        var html = templates.Render("page", new Dictionary<string, object?> { ["Model"] = new Row("t", new DateTime(2026, 1, 2)), ["BaseUrl"] = "http://x" });

        Assert.Equal("t 2026 http://x ", html);
    }

    private sealed record Row(string Title, DateTime SentAt);

    [Fact]
    public void A_long_value_and_a_long_partial_are_written_whole()
    {
        var templates = From(new() { ["_body.html"] = "{{ Long }}", ["page.html"] = "{{ include \"_body\" }}|{{ raw Long }}" });
        var longText = new string('x', 2_000_000);

        Assert.Equal(longText + "|" + longText, templates.Render("page", new { Long = longText }));
    }

    [Fact]
    public void Empty_lists_zero_and_empty_text_are_false_as_the_templates_expect()
    {
        var templates = From(new() { ["page.html"] = "{{ if Rows }}rows{{ else }}none{{ end }} {{ if Unread }}unread{{ end }}{{ if !Text }}no-text{{ end }} {{ for r in Rows }}{{ r }}{{ else }}empty{{ end }}" });

        Assert.Equal("none no-text empty", templates.Render("page", new { Rows = Array.Empty<int>(), Unread = 0L, Text = "" }));
    }

    [Fact]
    public void Plain_text_mail_parts_are_not_html_encoded_but_html_parts_are()
    {
        var templates = From(new()
        {
            ["mail/x.text.txt"] = "{{ Model.Name }} 様 & {{ BaseUrl }}",
            ["mail/x.subject.txt"] = "{{ Model.Name }} 様",
            ["mail/x.html"] = "<p>{{ Model.Name }} 様</p>",
        });
        var model = new Dictionary<string, object?> { ["Model"] = new { Name = "A&B <co>" }, ["BaseUrl"] = "http://x/?a=1&b=2" };

        Assert.Equal("A&B <co> 様 & http://x/?a=1&b=2", templates.Render("mail/x.text", model));
        Assert.Equal("A&B <co> 様", templates.Render("mail/x.subject", model));
        Assert.Equal("<p>A&amp;B &lt;co&gt; 様</p>", templates.Render("mail/x", model));
    }

    [Fact]
    public void A_value_that_looks_like_a_template_is_shown_as_typed_never_evaluated()
    {
        var templates = From(new() { ["page.html"] = "<p>{{ Body }}</p>", ["mail/x.text.txt"] = "{{ Body }}" });

        Assert.Equal("<p>{{ 7*7 }} {{{x}}}</p>", templates.Render("page", new { Body = "{{ 7*7 }} {{{x}}}" }));
        Assert.Equal("{{ 7*7 }} {{{x}}}", templates.Render("mail/x.text", new { Body = "{{ 7*7 }} {{{x}}}" }));
    }

    [Fact]
    public void A_template_that_does_not_parse_stops_the_start_naming_its_file_and_line()
    {
        var e = Assert.Throws<InvalidOperationException>(() => From(new()
        {
            ["ok.html"] = "<p>{{ Title }}</p>",
            ["messages/broken.html"] = "<p>fine</p>\n<p>{{ if Title }}never closed</p>\n",
        }));

        Assert.Contains("messages/broken.html", e.Message);
        Assert.Matches(@"messages/broken\.html\(2,", e.Message);
    }

    [Fact]
    public void An_include_cycle_ends_in_an_error_not_a_hang()
    {
        var templates = From(new() { ["_a.html"] = "a{{ include \"_a\" }}" });

        Assert.Throws<Scriban.Syntax.ScriptRuntimeException>(() => templates.Render("_a", null));
    }

    [Fact]
    public void Every_template_in_the_project_parses()
    {
        var templates = new Templates(Options.Create(new RenderingOptions { TemplatesPath = TemplatesRoot }), new Texts(), new HttpContextAccessor(), null!);

        Assert.Contains("layout", templates.Names);
        Assert.Contains("notices/_list", templates.Names);
        Assert.Contains("mail/notice-arrived.text", templates.Names);
        Assert.Contains("mail/notice-arrived.subject", templates.Names);
        Assert.Contains("mail/notice-arrived", templates.Names);
    }

    [Fact]
    public void Every_template_file_is_html_or_txt()
    {
        var others = Directory.EnumerateFiles(TemplatesRoot, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f) is not (".html" or ".txt"))
            .Select(f => Path.GetRelativePath(TemplatesRoot, f));

        Assert.Empty(others);
    }

    [Fact]
    public void Every_text_a_template_names_exists_in_Japanese_and_English()
    {
        var texts = new Texts();
        var missing = new List<string>();
        var found = 0;
        foreach (var file in Directory.EnumerateFiles(TemplatesRoot, "*.html", SearchOption.AllDirectories))
        {
            foreach (Match m in TextKey().Matches(File.ReadAllText(file)))
            {
                found++;
                var key = m.Groups[1].Value;
                foreach (var lang in Texts.Languages)
                {
                    if (!texts.Keys(lang).Contains(key)) missing.Add($"{Path.GetFileName(file)}: {key} ({lang})");
                }
            }
        }
        Assert.True(found > 100, $"only {found} text keys found: is the pattern still right?");
        Assert.Empty(missing);
    }

    [Fact]
    public void Japanese_and_English_have_the_same_keys()
    {
        var texts = new Texts();

        Assert.Empty(texts.Keys(Texts.Japanese).Except(texts.Keys(Texts.English)));
        Assert.Empty(texts.Keys(Texts.English).Except(texts.Keys(Texts.Japanese)));
    }

    [GeneratedRegex("\\{\\{~? t \"([a-z0-9.\\-]+)\"")]
    private static partial Regex TextKey();
}
