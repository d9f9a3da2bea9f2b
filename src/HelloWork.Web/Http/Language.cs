using System.Globalization;
using HelloWork.Web.Rendering;

namespace HelloWork.Web.Http;

/// <summary>Japanese unless the person chose English: ?lang=en (remembered in a cookie) or the cookie.</summary>
public static class Language
{
    public const string Cookie = "hw-lang";

    public static IApplicationBuilder UseLanguage(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var chosen = context.Request.Query["lang"].ToString();
        string lang;
        if (Texts.Languages.Contains(chosen))
        {
            lang = chosen;
            context.Response.Cookies.Append(Cookie, lang, new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true,
            });
        }
        else
        {
            var cookie = context.Request.Cookies[Cookie];
            lang = cookie is not null && Texts.Languages.Contains(cookie) ? cookie : Texts.Japanese;
        }
        var culture = CultureInfo.GetCultureInfo(lang == Texts.English ? "en-US" : "ja-JP");
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        context.Response.Headers.ContentLanguage = lang;
        await next();
    });
}
