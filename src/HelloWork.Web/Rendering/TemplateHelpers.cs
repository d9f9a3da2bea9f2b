using System.Globalization;
using HelloWork.Web.Domain;
using Microsoft.AspNetCore.Antiforgery;
using Scriban;
using Scriban.Functions;
using Scriban.Runtime;

namespace HelloWork.Web.Rendering;

/// <summary>
/// Scriban's builtins plus our helpers, built once and shared by every render: the helpers read
/// the request (language, antiforgery) when they are called, never when they are built.
/// </summary>
internal static class TemplateHelpers
{
    public static ScriptObject Create(Texts texts, IHttpContextAccessor http, IAntiforgery antiforgery,
        Func<TemplateContext, string, object?[], RawHtml> include)
    {
        var builtins = new BuiltinFunctions();

        // {{ t "key" }} or {{ t "key" arg0 arg1 }}: a text in the request's language (encoded like any value).
        Set(builtins, "t", new Func<object?, object?[], string>((key, args) => texts.Format(key?.ToString() ?? "", args)));

        // {{ datetime SentAt }} / {{ date SentAt }}: an instant shown in Japan time; {{ iso SentAt }} for <time datetime>.
        // "date" replaces Scriban's date object: templates get dates only through these three.
        Set(builtins, "datetime", new Func<object?, string>(v => v is DateTime d ? JapanTime.ToJst(d).ToString("yyyy/MM/dd HH:mm", CultureInfo.InvariantCulture) : ""));
        Set(builtins, "date", new Func<object?, string>(v => v is DateTime d ? JapanTime.ToJst(d).ToString("yyyy/MM/dd", CultureInfo.InvariantCulture) : ""));
        Set(builtins, "iso", new Func<object?, string>(v => v is DateTime d ? d.ToString("O", CultureInfo.InvariantCulture) : ""));

        // {{ if (eq Subject "Application") }}: compares as text, so an enum equals its name.
        Set(builtins, "eq", new Func<object?, object?, bool>((a, b) => Equals(a?.ToString(), b?.ToString())));

        // {{ csrf }}: the antiforgery field for a form in the current request (HTML we build: RawHtml).
        Set(builtins, "csrf", new Func<RawHtml>(() =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http.HttpContext ?? throw new InvalidOperationException("csrf outside a request"));
            return new RawHtml($"<input type=\"hidden\" name=\"{HtmlContext.HtmlEncode(tokens.FormFieldName)}\" value=\"{HtmlContext.HtmlEncode(tokens.RequestToken ?? "")}\">");
        }));

        // {{ csrfToken }}: the token alone, for the page script's header on htmx requests (encoded).
        Set(builtins, "csrfToken", new Func<string>(() =>
            antiforgery.GetAndStoreTokens(http.HttpContext ?? throw new InvalidOperationException("csrf outside a request")).RequestToken ?? ""));

        // {{ lang }}: "ja" or "en".
        Set(builtins, "lang", new Func<string>(() => Texts.CurrentLanguage));

        // {{ raw Html }}: HTML our own code rendered (a page body, a message body built by Message.ToHtml).
        Set(builtins, "raw", new Func<object?, RawHtml>(v => v as RawHtml ?? new RawHtml(v?.ToString() ?? "")));

        // {{ include "name" }} / {{ include "name" Model }}: a partial, already encoded (RawHtml).
        Set(builtins, "include", include);
        return builtins;
    }

    private static void Set(ScriptObject builtins, string name, Delegate function)
    {
        builtins.Remove(name);
        builtins.Import(name, function);
        builtins.SetReadOnly(name, true);
    }
}
