using System.Text.RegularExpressions;
using HelloWork.Web.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HelloWork.Tests.Rendering;

public sealed partial class TemplatesTests
{
    private static readonly string TemplatesRoot = Path.Combine(TestServices.FindRepoRoot(), "templates");

    private static Templates From(Dictionary<string, string> files)
    {
        var dir = Path.Combine(Path.GetTempPath(), "hw-templates-" + Guid.NewGuid().ToString("N"));
        foreach (var (name, source) in files)
        {
            var path = Path.Combine(dir, name + ".hbs");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, source);
        }
        return new Templates(Options.Create(new RenderingOptions { TemplatesPath = dir }), new Texts(), new HttpContextAccessor(), null!);
    }

    [Fact]
    public void A_partial_called_on_an_indented_line_still_escapes()
    {
        // Handlebars.Net 2.4.3 skips escaping in this shape unless the loader normalises it.
        var templates = From(new()
        {
            ["n/_rows"] = "{{#each Rows}}<li>{{Title}}</li>{{/each}}",
            ["n/_list"] = "<ul>\n    {{> n/_rows}}\n</ul>",
            ["page"] = "<main>\n  {{> n/_list}}\n</main>",
        });

        var html = templates.Render("page", new { Rows = new[] { new { Title = "<script>alert(1)</script>" } } });

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script>", html);
    }

    [Fact]
    public void Plain_text_mail_parts_are_not_html_escaped_but_html_parts_are()
    {
        var templates = From(new()
        {
            ["mail/x.text"] = "{{Model.Name}} 様 & {{BaseUrl}}",
            ["mail/x.html"] = "<p>{{Model.Name}} 様</p>",
        });
        var model = new { Model = new { Name = "A&B <co>" }, BaseUrl = "http://x/?a=1&b=2" };

        Assert.Equal("A&B <co> 様 & http://x/?a=1&b=2", templates.Render("mail/x.text", model));
        Assert.Equal("<p>A&amp;B &lt;co&gt; 様</p>", templates.Render("mail/x.html", model));
    }

    [Fact]
    public void Every_template_in_the_project_compiles()
    {
        var templates = new Templates(Options.Create(new RenderingOptions { TemplatesPath = TemplatesRoot }), new Texts(), new HttpContextAccessor(), null!);

        Assert.Contains("layout", templates.Names);
        Assert.Contains("notices/_list", templates.Names);
        Assert.Contains("mail/notice-arrived.text", templates.Names);
    }

    [Fact]
    public void Every_text_a_template_names_exists_in_Japanese_and_English()
    {
        var texts = new Texts();
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(TemplatesRoot, "*.hbs", SearchOption.AllDirectories))
        {
            foreach (Match m in TextKey().Matches(File.ReadAllText(file)))
            {
                var key = m.Groups[1].Value;
                foreach (var lang in Texts.Languages)
                {
                    if (!texts.Keys(lang).Contains(key)) missing.Add($"{Path.GetFileName(file)}: {key} ({lang})");
                }
            }
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void Japanese_and_English_have_the_same_keys()
    {
        var texts = new Texts();

        Assert.Empty(texts.Keys(Texts.Japanese).Except(texts.Keys(Texts.English)));
        Assert.Empty(texts.Keys(Texts.English).Except(texts.Keys(Texts.Japanese)));
    }

    [GeneratedRegex("\\{\\{t \"([a-z0-9.\\-]+)\"")]
    private static partial Regex TextKey();
}
