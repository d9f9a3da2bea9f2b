using System.Diagnostics;
using HelloWork.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Accounts;

/// <summary>Shared steps of the pages that mail an auth key and then take it back.</summary>
public static class AuthKeys
{
    /// <summary>
    /// Every "we mailed you a key if the details matched" answer takes at least this long, so the
    /// time taken does not tell whether an address exists (ACC-1).
    /// </summary>
    public static readonly TimeSpan AnswerFloor = TimeSpan.FromMilliseconds(400);

    public static async Task PadAsync(Stopwatch started, CancellationToken ct)
    {
        // A timer may fire a little early: wait again until the floor has really passed.
        while (AnswerFloor - started.Elapsed is var left && left > TimeSpan.Zero)
        {
            await Task.Delay(left + TimeSpan.FromMilliseconds(1), ct);
        }
    }

    /// <summary>Adds a new key for the user; the caller mails the plain key and saves.</summary>
    public static (AuthKey Key, string Plain) Issue(AppDb db, Guid userId, AuthKeyPurpose purpose, DateTime now)
    {
        var issued = AuthKey.Issue(userId, purpose, now);
        db.Set<AuthKey>().Add(issued.Key);
        return issued;
    }

    /// <summary>Uses the newest key of this purpose; a wrong try is counted (and saved by the caller).</summary>
    public static async Task<bool> TryUseAsync(AppDb db, Guid userId, AuthKeyPurpose purpose, string plain, DateTime now, CancellationToken ct)
    {
        var key = await db.Set<AuthKey>()
            .Where(k => k.UserId == userId && k.Purpose == purpose && k.UsedAt == null)
            .OrderByDescending(k => k.Id)
            .FirstOrDefaultAsync(ct);
        return key is not null && key.TryUse(plain, now);
    }

    public static async Task<AppUser?> FindByEmailAsync(AppDb db, string email, CancellationToken ct)
    {
        var normalized = email.Trim().ToUpperInvariant();
        return normalized.Length == 0 ? null : await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
    }
}
