using System.Collections;
using System.Globalization;
using System.Text;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace HelloWork.Web.Rendering;

/// <summary>
/// One render's state (Scriban's TemplateContext is not thread safe, so one per render). Every
/// <c>{{ x }}</c> goes through <see cref="Write(SourceSpan, object)"/>, which is where escaping
/// happens: the one place, so no template can forget it.
/// </summary>
internal abstract class RenderContext : TemplateContext
{
    protected RenderContext(ScriptObject builtins) : base(builtins)
    {
        // .NET names as they are ({{ Thread.Title }}), in every template: one convention.
        MemberRenamer = member => member.Name;
        // A missing value renders as nothing, as it did before (Errors.Email when there is no error).
        EnableRelaxedMemberAccess = true;
        EnableRelaxedTargetAccess = true;
        // Templates are ours, but a runaway loop or include cycle must end in an error, not a hang.
        LoopLimit = 10_000;
        RecursiveLimit = 32;
        // Off: Scriban 7.6.1 cuts any written value longer than this without an error (4 KiB cut a
        // 20-message thread short; the 1 MiB default would cut a long page the same way). Templates
        // are ours and every user input has a length limit, so the guard protects against nothing
        // here, and a silently cut page is worse than a long one.
        LimitToString = 0;
    }

    /// <summary>How deep includes are nested now; checked against RecursiveLimit.</summary>
    public int IncludeDepth { get; set; }

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is null)
        {
            return this;
        }
        // Write(string), not base.Write(span, object): the latter applies LimitToString to strings
        // too and would cut a long page body or message list with "...".
        return Write(Encode(textAsObject));
    }

    protected abstract string Encode(object value);

    protected string Text(object value) => value switch
    {
        string s => s,
        RawHtml raw => raw.Html,
        IFormattable f => f.ToString(null, CultureInfo.CurrentCulture),
        _ => ObjectToString(value) ?? "",
    };

    /// <summary>
    /// Truth as the templates were written for (and as Handlebars had it): null, false, 0, "" and
    /// an empty list are false, so <c>if Rows</c> means "there are rows" and <c>if Unread</c> "more than none".
    /// </summary>
    public override bool ToBool(SourceSpan span, object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        int i => i != 0,
        long l => l != 0,
        decimal d => d != 0,
        double d => d != 0,
        ICollection c => c.Count > 0,
        IEnumerable e => e.GetEnumerator().MoveNext(),
        _ => base.ToBool(span, value),
    };
}

/// <summary>HTML: every value is HTML-encoded unless it is <see cref="RawHtml"/>.</summary>
internal sealed class HtmlContext(ScriptObject builtins) : RenderContext(builtins)
{
    protected override string Encode(object value) =>
        value is RawHtml raw ? raw.Html : HtmlEncode(Text(value));

    /// <summary>
    /// The five characters that matter in text and in quoted attributes. Not WebUtility.HtmlEncode:
    /// it also turns Latin-1 letters (é, ×) into numeric entities, which nobody needs in UTF-8 pages.
    /// </summary>
    public static string HtmlEncode(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            } ?? (object)c);
        }
        return sb.ToString();
    }
}

/// <summary>Plain text (mail subjects and text bodies): nothing is encoded, "A&amp;B" stays "A&amp;B".</summary>
internal sealed class TextContext(ScriptObject builtins) : RenderContext(builtins)
{
    protected override string Encode(object value) => Text(value);
}
