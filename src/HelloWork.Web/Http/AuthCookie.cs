using HelloWork.Web.Rendering;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace HelloWork.Web.Http;

public static class AuthCookie
{
    public static void Configure(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = "hw.auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = TimeSpan.FromHours(2);
        o.SlidingExpiration = true;
        o.LoginPath = "/login";
        o.Events.OnRedirectToLogin = context =>
        {
            var request = context.Request;
            if (request.Path.StartsWithSegments("/hubs"))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            }
            var login = request.Path.StartsWithSegments("/staff") ? "/staff/login" : "/login";
            var target = $"{login}?returnUrl={Uri.EscapeDataString(request.Path + request.QueryString)}";
            if (request.WantsFragment())
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Htmx(h => h.Redirect(target));
                return Task.CompletedTask;
            }
            context.Response.Redirect(target);
            return Task.CompletedTask;
        };
        // Signed in, but not this kind of user: the page does not exist for them.
        o.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        };
    }
}
