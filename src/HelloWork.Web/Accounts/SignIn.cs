using HelloWork.Web.Data;
using HelloWork.Web.Demo;
using HelloWork.Web.Rendering;
using HelloWork.Web.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Accounts;

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

    public sealed record View(bool Staff, string Action, Form Values, string? Error, IReadOnlyList<DemoAccount> DemoAccounts);

    public static IResult Show(HttpContext context, Pages pages, IHostEnvironment env, DemoAccounts demo, string? returnUrl, bool staff) =>
        pages.Page(context, "accounts/login", new View(staff, staff ? "/staff/login" : "/login", new Form { ReturnUrl = returnUrl }, null,
            env.IsDevelopment() ? demo.For(staff) : []), staff ? "accounts.login.staff-title" : "accounts.login.title");

    public static async Task<IResult> Handle(
        HttpContext context, [FromForm] Form form, bool staff, AppDb db, SignInManager<AppUser> signIn,
        Pages pages, Texts texts, IHostEnvironment env, DemoAccounts demo, CancellationToken ct)
    {
        var email = (form.Email ?? "").Trim();
        var normalized = email.ToUpperInvariant();
        var user = email.Length == 0 ? null : await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        var kindFits = user is not null && (user.Kind == UserKind.Staff) == staff;

        string? error = null;
        if (user is null || !kindFits)
        {
            // Same work and same answer whether or not the address exists.
            signIn.UserManager.PasswordHasher.HashPassword(new AppUser(), form.Password ?? "");
            error = "accounts.login.failed";
        }
        else
        {
            var result = await signIn.PasswordSignInAsync(user, form.Password ?? "", isPersistent: false, lockoutOnFailure: true);
            if (result.IsLockedOut)
            {
                error = "accounts.login.locked";
            }
            else if (!result.Succeeded)
            {
                error = "accounts.login.failed";
            }
        }
        if (error is not null)
        {
            var view = new View(staff, staff ? "/staff/login" : "/login", form with { Password = "" }, texts.Get(error),
                env.IsDevelopment() ? demo.For(staff) : []);
            return pages.Page(context, "accounts/login", view, staff ? "accounts.login.staff-title" : "accounts.login.title", 422);
        }

        var target = IsLocal(form.ReturnUrl) ? form.ReturnUrl! : Home.PathFor(user!.Kind);
        if (context.Request.IsHtmx())
        {
            context.Response.HxRedirect(target);
            return Results.NoContent();
        }
        return Results.Redirect(target);
    }

    public static async Task<IResult> SignOut(HttpContext context, SignInManager<AppUser> signIn)
    {
        await signIn.SignOutAsync();
        if (context.Request.IsHtmx())
        {
            context.Response.HxRedirect("/");
            return Results.NoContent();
        }
        return Results.Redirect("/");
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
