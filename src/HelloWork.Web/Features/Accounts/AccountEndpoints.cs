namespace HelloWork.Web.Features.Accounts;

public static class AccountEndpoints
{
    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", Home.Root);
        app.MapGet("/mypage", Home.Seeker).RequireAuthorization(Policies.Seeker);
        app.MapGet("/employer", Home.Employer).RequireAuthorization(Policies.Employer);
        app.MapGet("/staff", Home.Staff).RequireAuthorization(Policies.Staff);

        app.MapGet("/login", (HttpContext c, Rendering.Pages p, IHostEnvironment e, Demo.DemoAccounts d, Rendering.Texts t, TimeProvider clock, string? returnUrl) =>
            SignIn.Show(c, p, e, d, t, clock, returnUrl, staff: false));
        app.MapGet("/staff/login", (HttpContext c, Rendering.Pages p, IHostEnvironment e, Demo.DemoAccounts d, Rendering.Texts t, TimeProvider clock, string? returnUrl) =>
            SignIn.Show(c, p, e, d, t, clock, returnUrl, staff: true));
        app.MapPost("/login", (HttpContext c, [Microsoft.AspNetCore.Mvc.FromForm] SignIn.Form f, Data.AppDb db, AuthKeyFlow k,
            Microsoft.AspNetCore.Identity.SignInManager<AppUser> s, PasswordCheck pc, Rendering.Pages p, Rendering.Texts t, IHostEnvironment e,
            Demo.DemoAccounts d, TimeProvider clock, AccountMails m, Microsoft.AspNetCore.DataProtection.IDataProtectionProvider dp, CancellationToken ct) =>
            SignIn.Handle(c, f, staff: false, db, k, s, pc, p, t, e, d, clock, m, dp, ct));
        app.MapPost("/staff/login", (HttpContext c, [Microsoft.AspNetCore.Mvc.FromForm] SignIn.Form f, Data.AppDb db, AuthKeyFlow k,
            Microsoft.AspNetCore.Identity.SignInManager<AppUser> s, PasswordCheck pc, Rendering.Pages p, Rendering.Texts t, IHostEnvironment e,
            Demo.DemoAccounts d, TimeProvider clock, AccountMails m, Microsoft.AspNetCore.DataProtection.IDataProtectionProvider dp, CancellationToken ct) =>
            SignIn.Handle(c, f, staff: true, db, k, s, pc, p, t, e, d, clock, m, dp, ct));
        app.MapPost("/logout", SignIn.SignOut).RequireAuthorization();
        app.MapGet("/login/code", ConfirmSignIn.Show);
        app.MapPost("/login/code", ConfirmSignIn.Handle);

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
        app.MapPost("/mypage/open", OpenMyPage.Handle);
        app.MapGet("/mypage/open/key", OpenMyPage.ShowKey);
        app.MapPost("/mypage/open/key", OpenMyPage.HandleKey);
        app.MapGet("/signup", SignUp.Show);
        app.MapPost("/signup", SignUp.Handle);
        app.MapGet("/signup/key", SignUp.ShowKey);
        app.MapPost("/signup/key", SignUp.HandleKey);
        app.MapGet(FileRegistration.Path, FileRegistration.Show).RequireAuthorization(Policies.Seeker);
        app.MapPost(FileRegistration.Path, FileRegistration.Handle).RequireAuthorization(Policies.Seeker);
        app.MapGet("/employer/signup", EmployerSignUp.Show);
        app.MapPost("/employer/signup", EmployerSignUp.Handle);
        app.MapGet("/employer/signup/key", EmployerSignUp.ShowKey);
        app.MapPost("/employer/signup/key", EmployerSignUp.HandleKey);
        var establishment = app.MapGroup(EstablishmentMembership.Path).RequireAuthorization(Policies.Employer);
        establishment.MapGet("", EstablishmentMembership.Show);
        establishment.MapPost("/create", EstablishmentMembership.Create);
        establishment.MapPost("/join", EstablishmentMembership.Join);
        establishment.MapPost("/invite", EstablishmentMembership.SendInvite);
        app.MapGet("/password/reset", ResetPassword.Show);
        app.MapPost("/password/reset", ResetPassword.Handle);
        app.MapGet("/password/reset/key", ResetPassword.ShowKey);
        app.MapPost("/password/reset/key", ResetPassword.HandleKey);
        app.MapGet("/account/reregister", Reregister.Show);
        app.MapPost("/account/reregister", Reregister.Handle);
        app.MapGet("/account/reregister/key", Reregister.ShowKey);
        app.MapPost("/account/reregister/key", Reregister.HandleKey);

        var settings = app.MapGroup("/account").RequireAuthorization(Policies.SeekerOrEmployer);
        settings.MapGet("/settings", AccountSettings.Show);
        settings.MapPost("/settings/email", ChangeEmail.Request);
        settings.MapGet("/settings/email/confirm", ChangeEmail.ShowConfirm);
        settings.MapPost("/settings/email/confirm", ChangeEmail.Confirm);
        settings.MapPost("/settings/password", AccountSettings.ChangePassword);
        settings.MapPost("/registration", AccountSettings.SwitchRegistration).RequireAuthorization(Policies.Seeker);
        settings.MapGet("/withdraw", Withdraw.Show).RequireAuthorization(Policies.Seeker);
        settings.MapPost("/withdraw", Withdraw.Handle).RequireAuthorization(Policies.Seeker);
    }
}
