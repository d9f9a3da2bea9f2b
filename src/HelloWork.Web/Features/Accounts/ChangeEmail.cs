using System.Globalization;
using System.Security.Cryptography;
using HelloWork.Web.Data;
using HelloWork.Web.Http;
using HelloWork.Web.Rendering;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Accounts;

/// <summary>
/// ACC-5 with SEC-6: a signed-in seeker or employer changes the login address. The current password
/// is checked first, and nothing about the new address is said before it is right. Then a mail goes
/// to the new address and the answer is the same whether or not another login uses it: a free
/// address gets a key that proves it, an address in use is told so (only its owner reads that).
/// With the key the address changes, mail #2 goes to the old and the new address, and every other
/// browser is signed out (a new security stamp).
/// </summary>
public static class ChangeEmail
{
    public sealed record KeyForm
    {
        public string? Key { get; set; }
    }

    public sealed record View(string NewEmail, KeyForm Values, IReadOnlyDictionary<string, string> Errors, bool Mailed);

    private const string PendingCookie = "hw.email-pending";
    private const string CookiePath = "/account/settings/email";
    private static readonly Dictionary<string, string> NoErrors = [];

    public static async Task<IResult> Request(
        HttpContext context, [FromForm] AccountSettings.EmailForm form, AppDb db, AuthKeyFlow keys, PasswordCheck passwords,
        IDataProtectionProvider protection, Pages pages, Texts texts, TimeProvider clock, AccountMails mails, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await CurrentUser.Of(context).LoadAsync(db, ct);
        var errors = new FormErrors(context, texts);
        if (!passwords.Verify(user, form.CurrentPassword))
        {
            errors.Add(nameof(AccountSettings.EmailForm.CurrentPassword) + "ForEmail", "accounts.password.current-wrong");
        }
        var email = errors.Email(nameof(AccountSettings.EmailForm.NewEmail), form.NewEmail);
        if (!errors.Any && string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(nameof(AccountSettings.EmailForm.NewEmail), "accounts.settings.email-same");
        }
        if (errors.Any)
        {
            return pages.Page(context, "accounts/settings", await AccountSettings.ViewAsync(db, user, form with { CurrentPassword = null }, errors.Fields, null, ct, now),
                "accounts.settings.title", 422);
        }

        var free = false;
        await keys.RequestAsync(AuthKeyPurpose.ChangeEmail, async ct =>
        {
            // An unfinished sign-up does not hold an address (SignUpAddress); the key decides who owns it.
            free = await AuthKeyFlow.FindByEmailAsync(db, email, ct) is null or { IsUnprovenSignUp: true };
            if (free) return user;
            await mails.EmailChangeInUse(db, email, now, ct);
            await db.SaveChangesAsync(ct);
            mails.Wake();
            return null;
        }, (db, u, key, expires, now, ct) => mails.EmailChangeKey(db, u, email, key, expires, now, ct), ct);
        // The same query either way; only a key just mailed is bound to the pending change (0 binds to none).
        var newest = await db.Set<AuthKey>().Where(k => k.UserId == user.Id && k.Purpose == AuthKeyPurpose.ChangeEmail && k.UsedAt == null)
            .OrderByDescending(k => k.Id).Select(k => k.Id).FirstOrDefaultAsync(ct);
        SetPending(context, protection, new Pending(user.Id, free ? newest : 0, now + AuthKey.Lifetime, email));
        return pages.Page(context, "accounts/email-confirm", new View(email, new KeyForm(), NoErrors, Mailed: true), "accounts.email-change.title");
    }

    public static async Task<IResult> ShowConfirm(HttpContext context, AppDb db, IDataProtectionProvider protection, Pages pages, TimeProvider clock, CancellationToken ct)
    {
        var user = await CurrentUser.Of(context).LoadAsync(db, ct);
        if (ReadPending(context, protection, user, clock.GetUtcNow().UtcDateTime) is not { } pending)
        {
            return Results.Redirect("/account/settings");
        }
        return pages.Page(context, "accounts/email-confirm", new View(pending.Email, new KeyForm(), NoErrors, Mailed: false), "accounts.email-change.title");
    }

    public static async Task<IResult> Confirm(
        HttpContext context, [FromForm] KeyForm form, AppDb db, SignInManager<AppUser> signIn, IDataProtectionProvider protection,
        Pages pages, Texts texts, TimeProvider clock, AccountMails mails, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await CurrentUser.Of(context).LoadAsync(db, ct);
        if (ReadPending(context, protection, user, now) is not { } pending)
        {
            var expired = await AccountSettings.ViewAsync(db, user, null, null, null, ct, now) with { Error = texts.Get("accounts.email-change.expired") };
            return pages.Page(context, "accounts/settings", expired, "accounts.settings.title", 422);
        }
        var errors = new FormErrors(context, texts);
        var plain = errors.Text(nameof(KeyForm.Key), form.Key, 20);
        if (!errors.Any)
        {
            var key = await db.Set<AuthKey>().SingleOrDefaultAsync(
                k => k.Id == pending.KeyId && k.UserId == user.Id && k.Purpose == AuthKeyPurpose.ChangeEmail, ct);
            if (key is null || !key.TryUse(plain, now))
            {
                await db.SaveChangesAsync(ct); // counts the wrong try
                errors.Add(nameof(KeyForm.Key), "accounts.key.wrong");
            }
        }
        // The key proved the address: an unfinished sign-up with it gives way; a real login still holds it.
        if (!errors.Any && await SignUpAddress.HolderAsync(db, pending.Email, now, ct) is { } holder && holder.Id != user.Id)
        {
            errors.Add(nameof(KeyForm.Key), "accounts.error.email-taken");
        }
        if (errors.Any)
        {
            return pages.Page(context, "accounts/email-confirm", new View(pending.Email, form, errors.Fields, Mailed: false), "accounts.email-change.title", 422);
        }
        var old = user.Email!;
        user.ChangeEmail(pending.Email);
        mails.AccountUpdated(db, user, email: true, now, to: old);
        mails.AccountUpdated(db, user, email: true, now);
        await db.SaveChangesAsync(ct);
        await signIn.RefreshSignInAsync(user);
        mails.Wake();
        context.Response.Cookies.Delete(PendingCookie, new CookieOptions { Path = CookiePath });
        return pages.Page(context, "accounts/settings", await AccountSettings.ViewAsync(db, user, null, null, texts.Get("accounts.settings.email-done"), ct, now),
            "accounts.settings.title");
    }

    /// <summary>The change waiting for its key, kept in this browser only (protected, so neither read nor forged).</summary>
    private sealed record Pending(Guid UserId, long KeyId, DateTime Expires, string Email);

    private static void SetPending(HttpContext context, IDataProtectionProvider protection, Pending pending)
    {
        // Fixed widths: the protected value is as long whether or not a key was issued.
        var payload = string.Join('|', pending.UserId.ToString("N"), pending.KeyId.ToString("D19", CultureInfo.InvariantCulture),
            pending.Expires.Ticks.ToString("D19", CultureInfo.InvariantCulture), pending.Email);
        context.Response.Cookies.Append(PendingCookie, protection.CreateProtector(PendingCookie).Protect(payload), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Path = CookiePath, Secure = context.Request.IsHttps, IsEssential = true,
        });
    }

    private static Pending? ReadPending(HttpContext context, IDataProtectionProvider protection, AppUser user, DateTime now)
    {
        if (!context.Request.Cookies.TryGetValue(PendingCookie, out var value))
        {
            return null;
        }
        string payload;
        try
        {
            payload = protection.CreateProtector(PendingCookie).Unprotect(value);
        }
        catch (CryptographicException)
        {
            return null;
        }
        return payload.Split('|', 4) is [var id, var keyId, var expires, var email]
            && id == user.Id.ToString("N") && long.TryParse(keyId, out var k) && long.TryParse(expires, out var ticks) && now.Ticks < ticks
            ? new Pending(user.Id, k, new DateTime(ticks, DateTimeKind.Utc), email)
            : null;
    }
}
