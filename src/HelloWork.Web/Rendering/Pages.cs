using System.Security.Claims;
using System.Text;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Live;

namespace HelloWork.Web.Rendering;

/// <summary>
/// Turns a template into a response. A page URL gives the whole page; the same URL asked by htmx
/// gives only the page's fragment; both say Vary: HX-Request so caches keep them apart.
/// </summary>
public sealed class Pages(Templates templates, Texts texts, IHostEnvironment env)
{
    public IResult Page(HttpContext context, string template, object model, string titleKey, int status = 200)
    {
        context.Response.Headers.Append("Vary", "HX-Request");
        var body = templates.Render(template, model);
        if (context.Request.WantsFragment())
        {
            return new Html(body, status);
        }
        var user = context.User;
        var signedIn = user.Identity?.IsAuthenticated == true;
        var role = signedIn ? user.Role() : null;
        var layout = new LayoutModel(
            Title: texts.Get(titleKey),
            Body: body,
            Lang: Texts.CurrentLanguage,
            OtherLang: Texts.CurrentLanguage == Texts.Japanese ? Texts.English : Texts.Japanese,
            PathWithOtherLang: WithLang(context.Request, Texts.CurrentLanguage == Texts.Japanese ? Texts.English : Texts.Japanese),
            SignedIn: signedIn,
            UserName: signedIn ? user.DisplayName() : null,
            Role: role,
            IsSeeker: role == Roles.Seeker,
            IsEmployer: role == Roles.Employer,
            IsStaff: role == Roles.Staff,
            IsDevelopment: env.IsDevelopment(),
            LiveEvents: LiveEvents.Names);
        return new Html(templates.Render("layout", layout), status);
    }

    public IResult Fragment(HttpContext context, string template, object model, int status = 200)
    {
        context.Response.Headers.Append("Vary", "HX-Request");
        return new Html(templates.Render(template, model), status);
    }

    private static string WithLang(HttpRequest request, string lang)
    {
        var query = request.Query.Where(q => q.Key != "lang").Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}");
        return request.Path + "?" + string.Join("&", query.Append($"lang={lang}"));
    }

    public sealed record LayoutModel(
        string Title, string Body, string Lang, string OtherLang, string PathWithOtherLang, bool SignedIn,
        string? UserName, string? Role, bool IsSeeker, bool IsEmployer, bool IsStaff, bool IsDevelopment, string LiveEvents);

    private sealed class Html(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            return context.Response.WriteAsync(html, Encoding.UTF8);
        }
    }
}
