using HelloWork.Web.Features.Sessions;
using HelloWork.Web.Http;

namespace HelloWork.Web.Features.Accounts;

/// <summary>
/// Every route of the accounts feature. Where something can be guessed or a mail made to go, the
/// route carries its request limit (SEC-5, <see cref="RateLimits"/>).
/// </summary>
public static class AccountEndpoints
{
    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", Home.Root);
        app.MapGet("/mypage", Home.Seeker).RequireAuthorization(Policies.Seeker);
        app.MapGet("/employer", Home.Employer).RequireAuthorization(Policies.Employer);
        app.MapGet("/staff", Home.Staff).RequireAuthorization(Policies.Staff);

        app.MapGet("/login", (HttpContext c, Rendering.Pages p, IHostEnvironment e, Demo.DemoAccounts d, Rendering.Texts t, TimeProvider clock, string? returnUrl) =>
            SignIn.Show(c, p, e, d, t, clock, returnUrl, staff: false)).StartsNewSession();
        app.MapGet("/staff/login", (HttpContext c, Rendering.Pages p, IHostEnvironment e, Demo.DemoAccounts d, Rendering.Texts t, TimeProvider clock, string? returnUrl) =>
            SignIn.Show(c, p, e, d, t, clock, returnUrl, staff: true)).StartsNewSession();
        app.MapPost("/login", (HttpContext c, [Microsoft.AspNetCore.Mvc.FromForm] SignIn.Form f, Data.AppDb db, AuthKeyFlow k,
            Microsoft.AspNetCore.Identity.SignInManager<AppUser> s, PasswordCheck pc, Rendering.Pages p, Rendering.Texts t, IHostEnvironment e,
            Demo.DemoAccounts d, TimeProvider clock, AccountMails m, Microsoft.AspNetCore.DataProtection.IDataProtectionProvider dp, CancellationToken ct) =>
            SignIn.Handle(c, f, staff: false, db, k, s, pc, p, t, e, d, clock, m, dp, ct)).RequireRateLimiting(RateLimits.SignIn).StartsNewSession();
        app.MapPost("/staff/login", (HttpContext c, [Microsoft.AspNetCore.Mvc.FromForm] SignIn.Form f, Data.AppDb db, AuthKeyFlow k,
            Microsoft.AspNetCore.Identity.SignInManager<AppUser> s, PasswordCheck pc, Rendering.Pages p, Rendering.Texts t, IHostEnvironment e,
            Demo.DemoAccounts d, TimeProvider clock, AccountMails m, Microsoft.AspNetCore.DataProtection.IDataProtectionProvider dp, CancellationToken ct) =>
            SignIn.Handle(c, f, staff: true, db, k, s, pc, p, t, e, d, clock, m, dp, ct)).RequireRateLimiting(RateLimits.SignIn).StartsNewSession();
        app.MapPost("/logout", SignIn.SignOut).RequireAuthorization();
        app.MapGet("/login/code", ConfirmSignIn.Show).StartsNewSession();
        app.MapPost("/login/code", ConfirmSignIn.Handle).RequireRateLimiting(RateLimits.LoginCode).StartsNewSession();

        var staff = app.MapGroup("/staff/accounts").RequireAuthorization(Policies.Staff);
        staff.MapGet("/new", CreateAccount.Show);
        staff.MapPost("", CreateAccount.Handle);
        staff.MapGet("/suspend", SuspendAccount.Show);
        staff.MapPost("/suspend", SuspendAccount.Handle);
        var seekers = app.MapGroup("/staff/seekers").RequireAuthorization(Policies.Staff);
        seekers.MapGet("/new", RegisterSeeker.Show);
        seekers.MapPost("", RegisterSeeker.Handle);
        seekers.MapGet("/reopen", ReopenAccount.Show);
        seekers.MapPost("/reopen", ReopenAccount.Handle);
        seekers.MapGet("/confirm", ConfirmRegistration.Show);
        seekers.MapPost("/confirm", ConfirmRegistration.Handle);

        app.MapGet("/privacy", (HttpContext c, Rendering.Pages p) => p.Page(c, "legal/privacy", new { }, "legal.privacy.title"));
        app.MapGet("/terms", (HttpContext c, Rendering.Pages p) => p.Page(c, "legal/terms", new { }, "legal.terms.title"));
        app.MapGet("/mypage/open", OpenMyPage.Show);
        app.MapPost("/mypage/open", OpenMyPage.Handle).RequireRateLimiting(RateLimits.KeyRequest);
        app.MapGet("/mypage/open/key", OpenMyPage.ShowKey);
        app.MapPost("/mypage/open/key", OpenMyPage.HandleKey).RequireRateLimiting(RateLimits.KeyEntry);
        app.MapGet("/signup", SignUp.Show);
        app.MapPost("/signup", SignUp.Handle).RequireRateLimiting(RateLimits.KeyRequest);
        app.MapGet("/signup/key", SignUp.ShowKey).StartsNewSession();
        app.MapPost("/signup/key", SignUp.HandleKey).RequireRateLimiting(RateLimits.KeyEntry).StartsNewSession();
        app.MapGet(FileRegistration.Path, FileRegistration.Show).RequireAuthorization(Policies.Seeker);
        app.MapPost(FileRegistration.Path, FileRegistration.Handle).RequireAuthorization(Policies.Seeker);
        app.MapGet("/employer/signup", EmployerSignUp.Show);
        app.MapPost("/employer/signup", EmployerSignUp.Handle).RequireRateLimiting(RateLimits.KeyRequest);
        app.MapGet("/employer/signup/key", EmployerSignUp.ShowKey).StartsNewSession();
        app.MapPost("/employer/signup/key", EmployerSignUp.HandleKey).RequireRateLimiting(RateLimits.KeyEntry).StartsNewSession();
        var establishment = app.MapGroup(EstablishmentMembership.Path).RequireAuthorization(Policies.Employer);
        establishment.MapGet("", EstablishmentMembership.Show);
        establishment.MapPost("/create", EstablishmentMembership.Create);
        establishment.MapPost("/join", EstablishmentMembership.Join).RequireRateLimiting(RateLimits.KeyEntry);
        establishment.MapPost("/invite", EstablishmentMembership.SendInvite).RequireRateLimiting(RateLimits.KeyRequest);
        app.MapGet("/password/reset", ResetPassword.Show);
        app.MapPost("/password/reset", ResetPassword.Handle).RequireRateLimiting(RateLimits.KeyRequest);
        app.MapGet("/password/reset/key", ResetPassword.ShowKey);
        app.MapPost("/password/reset/key", ResetPassword.HandleKey).RequireRateLimiting(RateLimits.KeyEntry);
        app.MapGet("/account/reregister", Reregister.Show);
        app.MapPost("/account/reregister", Reregister.Handle).RequireRateLimiting(RateLimits.SignIn);
        app.MapGet("/account/reregister/key", Reregister.ShowKey);
        app.MapPost("/account/reregister/key", Reregister.HandleKey).RequireRateLimiting(RateLimits.KeyEntry);

        var settings = app.MapGroup("/account").RequireAuthorization(Policies.SeekerOrEmployer);
        settings.MapGet("/settings", AccountSettings.Show);
        settings.MapPost("/settings/email", ChangeEmail.Request).RequireRateLimiting(RateLimits.SignIn);
        settings.MapGet("/settings/email/confirm", ChangeEmail.ShowConfirm);
        settings.MapPost("/settings/email/confirm", ChangeEmail.Confirm).RequireRateLimiting(RateLimits.KeyEntry);
        settings.MapPost("/settings/password", AccountSettings.ChangePassword).RequireRateLimiting(RateLimits.SignIn);
        settings.MapPost("/registration", AccountSettings.SwitchRegistration).RequireAuthorization(Policies.Seeker);
        settings.MapGet("/withdraw", Withdraw.Show).RequireAuthorization(Policies.Seeker);
        settings.MapPost("/withdraw", Withdraw.Handle).RequireAuthorization(Policies.Seeker);
    }
}
