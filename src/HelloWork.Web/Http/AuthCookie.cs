using HelloWork.Web.Features.Sessions;
using HelloWork.Web.Rendering;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace HelloWork.Web.Http;

/// <summary>
/// The sign-in cookie. It carries only a session key: the sign-in itself is a row in the database
/// (<see cref="SessionTicketStore"/>), so logout, a password change or "end this session" end it at
/// once, whatever copies of the cookie exist (SEC-4). A session slides on while used (2 hours by
/// default) and ends for good at its absolute lifetime (12 hours), both from <see cref="SessionLifetimeOptions"/>.
/// </summary>
public static class AuthCookie
{
    public static void Configure(CookieAuthenticationOptions o, SessionLifetimeOptions sessions, ITicketStore store)
    {
        o.Cookie.Name = "hw.auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = sessions.Sliding;
        o.SlidingExpiration = true;
        o.SessionStore = store;
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
