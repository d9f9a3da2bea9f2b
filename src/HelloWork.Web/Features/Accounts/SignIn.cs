using HelloWork.Web.Data;
using HelloWork.Web.Features.Demo;
using HelloWork.Web.Rendering;
using HelloWork.Web.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Accounts;

/// <summary>
/// Sign-in with e-mail and password. Seekers and employers use /login; staff sign in separately
/// at /staff/login (ACC-11). A failure never says which part was wrong.
/// </summary>
public static class SignIn
{
    public sealed record Form
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
        public string? ReturnUrl { get; set; }
    }

    public sealed record View(bool Staff, string Action, Form Values, string? Error, IReadOnlyList<DemoAccount> DemoAccounts, string? Info = null);

    public static IResult Show(HttpContext context, Pages pages, IHostEnvironment env, DemoAccounts demo, Texts texts, string? returnUrl, bool staff)
    {
        // A few pages send people here with a short reason (?done=opened ...), shown as a status line.
        var done = context.Request.Query["done"].ToString();
        var info = done is "opened" or "reset" or "reregistered" or "changed" or "withdrawn" or "code-expired" ? texts.Get($"accounts.login.done.{done}") : null;
        return pages.Page(context, "accounts/login", new View(staff, staff ? "/staff/login" : "/login", new Form { ReturnUrl = ReturnUrl.IsLocalPath(returnUrl) ? returnUrl : null }, null,
            env.IsDevelopment() ? demo.For(staff) : [], info), staff ? "accounts.login.staff-title" : "accounts.login.title");
    }

    public static async Task<IResult> Handle(
        HttpContext context, [FromForm] Form form, bool staff, AppDb db, AuthKeyFlow keys, SignInManager<AppUser> signIn,
        Pages pages, Texts texts, IHostEnvironment env, DemoAccounts demo, TimeProvider clock, AccountMails mails,
        Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection, CancellationToken ct)
    {
        var refused = new FormErrors(context, texts);
        if (refused.Any)
        {
            // SEC-9: a form that could not be read as sent is answered before any password is checked.
            var unread = new View(staff, staff ? "/staff/login" : "/login", form with { Password = "" }, refused.Summary, env.IsDevelopment() ? demo.For(staff) : []);
            return pages.Page(context, "accounts/login", unread, staff ? "accounts.login.staff-title" : "accounts.login.title", 422);
        }
        var email = (form.Email ?? "").Trim();
        var normalized = email.ToUpperInvariant();
        var user = email.Length == 0 ? null : await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        var kindFits = user is not null && (user.Kind == UserKind.Staff) == staff;

        string? error = null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (user is null || !kindFits || !user.CanSignIn)
        {
            // Same work and same answer whether or not the address exists (or has a password yet).
            signIn.UserManager.PasswordHasher.HashPassword(new AppUser(), form.Password ?? "");
            error = "accounts.login.failed";
        }
        else if (user.IsLockedOut(now))
        {
            error = "accounts.login.locked";
        }
        else if (!await signIn.UserManager.CheckPasswordAsync(user, form.Password ?? ""))
        {
            user.RecordFailedSignIn(now);
            await db.SaveChangesAsync(ct);
            error = user.IsLockedOut(now) ? "accounts.login.locked" : "accounts.login.failed";
        }
        else if (user.SuspendedAt is not null)
        {
            // ACC-12: only the right password learns why, so the reason is not shown to anyone who types an address.
            var suspended = new View(staff, staff ? "/staff/login" : "/login", form with { Password = "" },
                texts.Format("accounts.login.suspended", user.SuspensionReason ?? ""), env.IsDevelopment() ? demo.For(staff) : []);
            // 422 like every refused form, so htmx shows it in place (other 4xx are not swapped in).
            return pages.Page(context, "accounts/login", suspended, "accounts.login.title", 422);
        }
        else if (ConfirmSignIn.Applies(user) && !ConfirmSignIn.IsTrusted(context, protection, user, now))
        {
            // ACC-13: the password was right; the mailed code finishes the sign-in.
            user.RecordSuccessfulSignIn();
            await ConfirmSignIn.StartAsync(context, keys, mails, protection, user, ReturnUrl.OrHome(form.ReturnUrl, Home.PathFor(user.Kind)), ct);
            return OpenMyPage.Redirect(context, "/login/code");
        }
        else
        {
            user.RecordSuccessfulSignIn();
            await db.SaveChangesAsync(ct);
            await signIn.SignInAsync(user, isPersistent: false);
        }
        if (error is not null)
        {
            var view = new View(staff, staff ? "/staff/login" : "/login", form with { Password = "" }, texts.Get(error),
                env.IsDevelopment() ? demo.For(staff) : []);
            return pages.Page(context, "accounts/login", view, staff ? "accounts.login.staff-title" : "accounts.login.title", 422);
        }

        var target = ReturnUrl.OrHome(form.ReturnUrl, Home.PathFor(user!.Kind));
        if (context.Request.WantsFragment())
        {
            context.Response.Htmx(h => h.Redirect(target));
            return Results.NoContent();
        }
        return Results.Redirect(target);
    }

    public static async Task<IResult> SignOut(HttpContext context, SignInManager<AppUser> signIn)
    {
        await signIn.SignOutAsync();
        if (context.Request.WantsFragment())
        {
            context.Response.Htmx(h => h.Redirect("/"));
            return Results.NoContent();
        }
        return Results.Redirect("/");
    }
}
