using System.Security.Cryptography;
using HelloWork.Web.Data;
using HelloWork.Web.Rendering;
using HelloWork.Web.Http;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Accounts;

/// <summary>
/// ACC-13: after the right password a seeker or employer gets a one-time code by mail (10 minutes,
/// good once) and enters it to finish signing in. "Trust this browser" skips the code in this
/// browser for 30 days; a password change (new security stamp) ends that trust. Staff sign in
/// separately (ACC-11) without this step.
/// </summary>
public static class ConfirmSignIn
{
    public static readonly TimeSpan TrustFor = TimeSpan.FromDays(30);
    private const string PendingCookie = "hw.login-pending";
    private const string TrustCookiePrefix = "hw.trust.";

    public sealed record Form
    {
        public string? Code { get; set; }
        public bool TrustBrowser { get; set; }
    }

    public sealed record View(Form Values, IReadOnlyDictionary<string, string> Errors, bool DevMailInbox, int TrustDays);

    public static bool Applies(AppUser user) => user.Kind != UserKind.Staff;

    /// <summary>True when this browser carries an unexpired trust for this login with its current stamp.</summary>
    public static bool IsTrusted(HttpContext context, IDataProtectionProvider protection, AppUser user, DateTime now)
    {
        if (!context.Request.Cookies.TryGetValue(TrustCookiePrefix + user.Id.ToString("N"), out var value))
        {
            return false;
        }
        var parts = Unprotect(protection, "hw.trusted-browser", value)?.Split('|');
        return parts is [var id, var until, var stamp]
            && id == user.Id.ToString("N")
            && long.TryParse(until, out var ticks) && now.Ticks < ticks
            && stamp == user.SecurityStamp;
    }

    /// <summary>Mails a code and remembers, in this browser, whose sign-in is waiting for it.</summary>
    public static async Task StartAsync(HttpContext context, AuthKeyFlow keys, AccountMails mails, IDataProtectionProvider protection, AppUser user,
        string target, CancellationToken ct)
    {
        var expires = await keys.MailAsync(user, AuthKeyPurpose.LoginCode, mails.LoginCode, ct);
        var payload = $"{user.Id:N}|{expires.Ticks}|{target}";
        context.Response.Cookies.Append(PendingCookie, protection.CreateProtector("hw.login-pending").Protect(payload), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/login", Secure = context.Request.IsHttps, IsEssential = true,
        });
    }

    public static IResult Show(HttpContext context, Pages pages)
    {
        if (!context.Request.Cookies.ContainsKey(PendingCookie))
        {
            return Results.Redirect("/login");
        }
        return pages.Page(context, "accounts/login-code", new View(new Form(), new Dictionary<string, string>(), DevTools.MailInbox(context), TrustFor.Days), "accounts.code.title");
    }

    public static async Task<IResult> Handle(
        HttpContext context, [FromForm] Form form, AppDb db, AuthKeyFlow keys, SignInManager<AppUser> signIn, IDataProtectionProvider protection,
        Pages pages, Texts texts, TimeProvider clock, AccountMails mails, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(context, texts);
        var code = (form.Code ?? "").Trim();
        if (code.Length == 0) errors.Add(nameof(Form.Code), "form.required");
        else if (code.Length != 6 || !code.All(char.IsAsciiDigit)) errors.Add(nameof(Form.Code), "accounts.code.format");

        var pending = context.Request.Cookies.TryGetValue(PendingCookie, out var value) ? Unprotect(protection, "hw.login-pending", value)?.Split('|', 3) : null;
        if (pending is not [var id, var until, var target] || !Guid.TryParseExact(id, "N", out var userId) || !long.TryParse(until, out var ticks) || now.Ticks >= ticks)
        {
            context.Response.Cookies.Delete(PendingCookie, new CookieOptions { Path = "/login" });
            return OpenMyPage.Redirect(context, "/login?done=code-expired");
        }
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (!errors.Any && user is not null && user.IsLockedOut(now))
        {
            // SEC-5: locked (by wrong codes or passwords): not even the right code signs in until it ends.
            errors.Add(nameof(Form.Code), "limits.code.locked", LockedUntil(user));
        }
        else if (!errors.Any && (user is not { CanSignIn: true, SuspendedAt: null } || !await keys.TryUseAsync(userId, AuthKeyPurpose.LoginCode, code, ct)))
        {
            user?.RecordWrongCode(now); // counted per login across codes (SEC-5), saved with the code's own try
            var lockedNow = user is not null && user.IsLockedOut(now);
            if (lockedNow) mails.AccountLocked(db, user!, now); // the owner learns of the lock by mail, as after wrong passwords (SEC-6)
            await db.SaveChangesAsync(ct);
            if (lockedNow)
            {
                mails.Wake();
                errors.Add(nameof(Form.Code), "limits.code.locked", LockedUntil(user!));
            }
            else errors.Add(nameof(Form.Code), "accounts.code.wrong");
        }
        if (errors.Any || user is null)
        {
            return pages.Page(context, "accounts/login-code", new View(form, errors.Fields, DevTools.MailInbox(context), TrustFor.Days), "accounts.code.title", 422);
        }
        user.RecordRightCode();
        await db.SaveChangesAsync(ct);
        await signIn.SignInAsync(user, isPersistent: false);
        context.Response.Cookies.Delete(PendingCookie, new CookieOptions { Path = "/login" });
        if (form.TrustBrowser)
        {
            var payload = $"{user.Id:N}|{(now + TrustFor).Ticks}|{user.SecurityStamp}";
            context.Response.Cookies.Append(TrustCookiePrefix + user.Id.ToString("N"), protection.CreateProtector("hw.trusted-browser").Protect(payload), new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/login", Secure = context.Request.IsHttps, IsEssential = true,
                MaxAge = TrustFor,
            });
        }
        // The target was checked when it was stored (and is protected); checked again where it is used.
        return OpenMyPage.Redirect(context, ReturnUrl.OrHome(target, Home.PathFor(user.Kind)));
    }

    /// <summary>The login whose code this browser is waiting for (for the per-account request limit), or null.</summary>
    public static Guid? PendingUserOf(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(PendingCookie, out var value))
        {
            return null;
        }
        var protection = context.RequestServices.GetRequiredService<IDataProtectionProvider>();
        return Unprotect(protection, "hw.login-pending", value)?.Split('|', 2) is [var id, _] && Guid.TryParseExact(id, "N", out var userId) ? userId : null;
    }

    private static string LockedUntil(AppUser user) =>
        Domain.JapanTime.ToJst(user.LockoutEnd!.Value.UtcDateTime).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static string? Unprotect(IDataProtectionProvider protection, string purpose, string value)
    {
        try
        {
            return protection.CreateProtector(purpose).Unprotect(value);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
