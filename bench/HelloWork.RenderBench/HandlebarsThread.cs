using System.Globalization;
using HandlebarsDotNet;
using HelloWork.Web.Domain;
using HelloWork.Web.Rendering;
using Microsoft.AspNetCore.Antiforgery;

namespace HelloWork.RenderBench;

/// <summary>
/// The Handlebars.Net 2.4.3 set-up as Templates.cs had it before Scriban (commit 3b47bf1), and
/// that commit's thread templates (handlebars/), only for the before/after figure.
/// </summary>
internal static class HandlebarsThread
{
    public static Func<object, string> Compile(string root, Texts texts, IHttpContextAccessor http, IAntiforgery antiforgery)
    {
        var hb = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = false });
        hb.RegisterHelper("t", (output, _, args) => output.Write(texts.Format(args[0]?.ToString() ?? "", args.AsEnumerable().Skip(1).ToArray())));
        hb.RegisterHelper("datetime", (output, _, args) =>
            output.Write(args[0] is DateTime d ? JapanTime.ToJst(d).ToString("yyyy/MM/dd HH:mm", CultureInfo.InvariantCulture) : ""));
        hb.RegisterHelper("iso", (output, _, args) => output.Write(args[0] is DateTime d ? d.ToString("O", CultureInfo.InvariantCulture) : ""));
        hb.RegisterHelper("eq", (_, args) => Equals(args[0]?.ToString(), args[1]?.ToString()));
        hb.RegisterHelper("csrf", (output, _, _) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http.HttpContext!);
            output.WriteSafeString($"<input type=\"hidden\" name=\"{tokens.FormFieldName}\" value=\"{System.Net.WebUtility.HtmlEncode(tokens.RequestToken)}\">");
        });
        string Read(string name) => System.Text.RegularExpressions.Regex.Replace(
            File.ReadAllText(Path.Combine(root, name + ".hbs")), @"(?m)^[ \t]+(\{\{~?>)", "$1");
        foreach (var partial in new[] { "messages/_messages", "messages/_state", "messages/_send" })
        {
            hb.RegisterTemplate(partial, Read(partial));
        }
        var thread = hb.Compile(Read("messages/thread"));
        return model => thread(model);
    }
}
