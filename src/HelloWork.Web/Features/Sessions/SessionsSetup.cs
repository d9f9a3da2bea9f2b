using HelloWork.Web.Http;
using HelloWork.Web.Live;
using HelloWork.Web.TimedRules;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace HelloWork.Web.Features.Sessions;

public static class SessionsSetup
{
    /// <summary>Server-side sessions for the sign-in cookie (SEC-4); call after AddIdentityCookies.</summary>
    public static IServiceCollection AddSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SessionLifetimeOptions>(configuration.GetSection(SessionLifetimeOptions.Section));
        services.AddSingleton<LiveSessions>();
        services.AddSingleton<SessionTicketStore>();
        services.AddSingleton<IInterceptor, EndSessionsOnNewStamp>();
        services.AddSingleton<ITimedRule, ExpiredSessions>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SessionLifetimeOptions>, SessionTicketStore>((cookie, sessions, store) => AuthCookie.Configure(cookie, sessions.Value, store));
        return services;
    }
}
