using HelloWork.Web.Data;
using HelloWork.Web.Domain;
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

    /// <summary>
    /// <paramref name="Hint"/> follows every failure, the same for any address; <paramref name="Withdrawn"/> is
    /// shown only after the right password (ACC-6), with the last day of re-registration when it is still open (ACC-7).
    /// </summary>
    public sealed record View(bool Staff, string Action, Form Values, string? Error, IReadOnlyList<DemoAccount> DemoAccounts, string? Info = null,
        string? Hint = null, bool Withdrawn = false, DateTime? ReregisterUntil = null);

    public static IResult Show(HttpContext context, Pages pages, IHostEnvironment env, DemoAccounts demo, Texts texts, TimeProvider clock, string? returnUrl, bool staff)
    {
        // A few pages send people here with a short reason (?done=opened ...), shown as a status line.
        var done = context.Request.Query["done"].ToString();
        var info = done is "opened" or "reset" or "reregistered" or "changed" or "code-expired" ? texts.Get($"accounts.login.done.{done}")
            : done == "withdrawn" ? texts.Format("accounts.login.done.withdrawn", JapanTime.Today(AppUser.ReregistrationEndFor(clock.GetUtcNow().UtcDateTime)).ToString("yyyy/MM/dd", System.Globalization.CultureInfo.InvariantCulture))
            : null;
        return pages.Page(context, "accounts/login", new View(staff, staff ? "/staff/login" : "/login", new Form { ReturnUrl = ReturnUrl.IsLocalPath(returnUrl) ? returnUrl : null }, null,
            DevTools.DemoLogins(context) ? demo.For(staff) : [], info), staff ? "accounts.login.staff-title" : "accounts.login.title");
    }

    public static async Task<IResult> Handle(
        HttpContext context, [FromForm] Form form, bool staff, AppDb db, AuthKeyFlow keys, SignInManager<AppUser> signIn, PasswordCheck passwords,
        Pages pages, Texts texts, IHostEnvironment env, DemoAccounts demo, TimeProvider clock, AccountMails mails,
        Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection, CancellationToken ct)
    {
        var refused = new FormErrors(context, texts);
        if (refused.Any)
        {
            // SEC-9: a form that could not be read as sent is answered before any password is checked.
            var unread = new View(staff, staff ? "/staff/login" : "/login", form with { Password = "" }, refused.Summary, DevTools.DemoLogins(context) ? demo.For(staff) : []);
            return pages.Page(context, "accounts/login", unread, staff ? "accounts.login.staff-title" : "accounts.login.title", 422);
        }
        var email = (form.Email ?? "").Trim();
        var normalized = email.ToUpperInvariant();
        var found = email.Length == 0 ? null : await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        var now = clock.GetUtcNow().UtcDateTime;

        // SEC-6: an unknown address, a login of the other kind, one without a password and a locked one
        // all take the same path as a wrong password: one hash verification (against a dummy hash),
        // the same page. What follows a right password, only the owner learns; a lock is told to the
        // owner by mail (a "locked" page for the right password would tell a guesser it was right).
        var user = found is not null && (found.Kind == UserKind.Staff) == staff && !found.IsLockedOut(now) ? found : null;
        if (!passwords.Verify(user, form.Password))
        {
            if (user is { PasswordHash: not null })
            {
                user.RecordFailedSignIn(now);
                if (user.IsLockedOut(now)) mails.AccountLocked(db, user, now);
                await db.SaveChangesAsync(ct);
                mails.Wake();
            }
            return Refused(context, pages, env, demo, form, staff, texts.Get("accounts.login.failed"),
                hint: texts.Format("accounts.login.failed-hint", AppUser.MaxFailedSignIns, (int)AppUser.LockoutTime.TotalMinutes));
        }
        if (user!.WithdrawnAt is not null)
        {
            // ACC-6/ACC-7: the right password of a withdrawn seeker: say so, and offer re-registration while it is open.
            return Refused(context, pages, env, demo, form, staff, error: null, withdrawn: true, reregisterUntil: user.CanReregister(now) ? user.ReregistrationEnds : null);
        }
        if (user.SuspendedAt is not null)
        {
            // ACC-12: only the right password learns why, so the reason is not shown to anyone who types an address.
            return Refused(context, pages, env, demo, form, staff, texts.Format("accounts.login.suspended", user.SuspensionReason ?? ""));
        }
        user.RecordSuccessfulSignIn();
        if (ConfirmSignIn.Applies(user) && !ConfirmSignIn.IsTrusted(context, protection, user, now))
        {
            // ACC-13: the password was right; the mailed code finishes the sign-in.
            await ConfirmSignIn.StartAsync(context, keys, mails, protection, user, ReturnUrl.OrHome(form.ReturnUrl, Home.PathFor(user.Kind)), ct);
            return OpenMyPage.Redirect(context, "/login/code");
        }
        await db.SaveChangesAsync(ct);
        await signIn.SignInAsync(user, isPersistent: false);

        var target = ReturnUrl.OrHome(form.ReturnUrl, Home.PathFor(user.Kind));
        if (context.Request.WantsFragment())
        {
            context.Response.Htmx(h => h.Redirect(target));
            return Results.NoContent();
        }
        return Results.Redirect(target);
    }

    /// <summary>422 like every refused form, so htmx shows it in place (other 4xx are not swapped in); the password is never sent back.</summary>
    private static IResult Refused(HttpContext context, Pages pages, IHostEnvironment env, DemoAccounts demo, Form form, bool staff, string? error,
        string? hint = null, bool withdrawn = false, DateTime? reregisterUntil = null) =>
        pages.Page(context, "accounts/login",
            new View(staff, staff ? "/staff/login" : "/login", form with { Password = "" }, error, DevTools.DemoLogins(context) ? demo.For(staff) : [],
                Hint: hint, Withdrawn: withdrawn, ReregisterUntil: reregisterUntil),
            staff ? "accounts.login.staff-title" : "accounts.login.title", 422);

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
