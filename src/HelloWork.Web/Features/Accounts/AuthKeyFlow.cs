using System.Diagnostics;
using HelloWork.Web.Data;
using HelloWork.Web.Http;
using HelloWork.Web.Rendering;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Accounts;

/// <summary>
/// The one "mail a key, then take it back" flow (ACC-1, ACC-2, ACC-5, ACC-7, ACC-10): the same
/// answer whatever was typed, an answer floor so timing does not tell whether an address exists,
/// only the key's hash stored, 50 minutes, good once, wrong tries counted. Each use case brings
/// its own lookup, mail and page; everything that matters for security happens here, once.
/// </summary>
public sealed class AuthKeyFlow(AppDb db, AccountMails mails, UserManager<AppUser> users, Texts texts, TimeProvider clock)
{
    /// <summary>
    /// Every "we mailed you a key if the details matched" answer takes at least this long, so the
    /// time taken does not tell whether an address exists (ACC-1).
    /// </summary>
    public static readonly TimeSpan AnswerFloor = TimeSpan.FromMilliseconds(400);

    /// <summary>
    /// Queues the mail carrying the plain key (the signature of the key mails in <see cref="AccountMails"/>);
    /// false when the address had its hourly share of such mails (SEC-5) and nothing was queued.
    /// </summary>
    public delegate Task<bool> KeyMail(AppDb db, AppUser user, string key, DateTime expires, DateTime now, CancellationToken ct);

    /// <summary>The fields every key form posts (kept as the forms and templates name them).</summary>
    public const string EmailField = "Email";
    public const string KeyField = "Key";

    /// <summary>
    /// Step 1: <paramref name="find"/> returns the login to mail, or null when nothing matched (it may
    /// create the login, as a sign-up does). A match gets a new key by <paramref name="mail"/>; the
    /// caller then shows the same "mailed if it matched" page either way. Takes at least
    /// <see cref="AnswerFloor"/> from the lookup on, matched or not.
    /// </summary>
    public async Task RequestAsync(AuthKeyPurpose purpose, Func<CancellationToken, Task<AppUser?>> find, KeyMail mail, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var user = await find(ct);
        if (user is not null)
        {
            await MailAsync(user, purpose, mail, ct);
        }
        await PadAsync(started, ct);
    }

    /// <summary>
    /// Issues a key (only its hash is stored), queues its mail, saves, then wakes the mail sender. Returns the key's expiry.
    /// A mail over the address's hourly limit (SEC-5) is not sent and its key not kept, so the last
    /// key that was mailed stays the one that works; the caller answers as usual.
    /// </summary>
    public async Task<DateTime> MailAsync(AppUser user, AuthKeyPurpose purpose, KeyMail mail, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (key, plain) = AuthKey.Issue(user.Id, purpose, now);
        if (await mail(db, user, plain, key.ExpiresAt, now, ct))
        {
            db.Set<AuthKey>().Add(key);
        }
        await db.SaveChangesAsync(ct);
        mails.Wake();
        return key.ExpiresAt;
    }

    /// <summary>A new password for the key form: ACC-3 is checked, with every reason, before any key is used up.</summary>
    public sealed record NewPassword(string? Password, string? Confirm);

    /// <summary>
    /// Step 2: checks the typed e-mail and key, finds the login with <paramref name="find"/> (null when
    /// it may not take this key back), checks the <paramref name="password"/> if one is set, and only
    /// then uses the newest key of <paramref name="purpose"/>; a wrong key is counted and saved, and
    /// gets the same answer as an unknown address. On success the key is used up and the password
    /// set (not saved: the caller applies its own step and saves once). Returns null with
    /// <paramref name="errors"/> filled otherwise. Other fields are checked by the caller before.
    /// </summary>
    public async Task<AppUser?> RedeemAsync(AuthKeyPurpose purpose, FormErrors errors, string? email, string? key,
        Func<string, CancellationToken, Task<AppUser?>> find, NewPassword? password, CancellationToken ct)
    {
        var address = errors.Email(EmailField, email);
        var plain = errors.Text(KeyField, key, 20);
        var user = errors.Any ? null : await find(address, ct);
        if (password is not null)
        {
            await PasswordRules.CheckNewAsync(errors, texts, users, user ?? new AppUser { Email = address }, password.Password, password.Confirm);
        }
        if (!errors.Any && (user is null || !await TryUseAsync(user.Id, purpose, plain, ct)))
        {
            await db.SaveChangesAsync(ct); // counts the wrong try
            errors.Add(KeyField, "accounts.key.wrong");
        }
        if (errors.Any || user is null)
        {
            return null;
        }
        if (password is not null)
        {
            user.SetPassword(users.PasswordHasher, password.Password!);
        }
        return user;
    }

    /// <summary>Uses the newest unused key of this purpose; a wrong try is counted (and saved by the caller).</summary>
    public async Task<bool> TryUseAsync(Guid userId, AuthKeyPurpose purpose, string plain, CancellationToken ct)
    {
        var key = await db.Set<AuthKey>()
            .Where(k => k.UserId == userId && k.Purpose == purpose && k.UsedAt == null)
            .OrderByDescending(k => k.Id)
            .FirstOrDefaultAsync(ct);
        return key is not null && key.TryUse(plain, clock.GetUtcNow().UtcDateTime);
    }

    public static async Task<AppUser?> FindByEmailAsync(AppDb db, string email, CancellationToken ct)
    {
        var normalized = email.Trim().ToUpperInvariant();
        return normalized.Length == 0 ? null : await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
    }

    private static async Task PadAsync(Stopwatch started, CancellationToken ct)
    {
        // A timer may fire a little early: wait again until the floor has really passed.
        while (AnswerFloor - started.Elapsed is var left && left > TimeSpan.Zero)
        {
            await Task.Delay(left + TimeSpan.FromMilliseconds(1), ct);
        }
    }
}
