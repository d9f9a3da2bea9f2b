using HelloWork.Web.TimedRules;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace HelloWork.Web.Features.Accounts;

public static class AccountsSetup
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddSingleton<AccountMails>();
        services.AddScoped<AuthKeyFlow>();
        services.AddScoped<PasswordCheck>();
        services.AddSingleton<PasswordCheck.DummyHash>();
        services.AddSingleton<ITimedRule, ExpiredAuthKeys>();
        services.AddSingleton<ITimedRule, RegistrationLapseWarning>();
        services.AddSingleton<ITimedRule, DeleteLapsedAccounts>();
        services.AddSingleton<ITimedRule, DraftDeletionWarning>();
        services.AddSingleton<ITimedRule, DraftDeletion>();

        // Every request checks the login's security stamp (and that it may still sign in). A password
        // change, a withdrawal or a suspension renews the stamp, so every other browser is signed
        // out at once. (Identity's own validator skips the check until some time has passed.)
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
            o.Events.OnValidatePrincipal = async context =>
            {
                var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<AppUser>>();
                var user = context.Principal is null ? null : await signIn.ValidateSecurityStampAsync(context.Principal);
                if (user is null || !user.CanSignIn || user.SuspendedAt is not null)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                }
            });
        return services;
    }
}
