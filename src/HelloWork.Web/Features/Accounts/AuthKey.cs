using System.Security.Cryptography;
using System.Text;
using HelloWork.Web.Data;
using HelloWork.Web.TimedRules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Features.Accounts;

public enum AuthKeyPurpose { OpenMyPage = 1, ResetPassword = 2, Reregister = 3, LoginCode = 4, ChangeEmail = 5 }

/// <summary>
/// An auth key (認証キー) mailed to the account's address: valid 50 minutes, good once, and only a
/// hash is kept (ACC-1, ACC-5, ACC-7). A few wrong tries use it up, so it cannot be guessed.
/// </summary>
public sealed class AuthKey
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(50);
    /// <summary>ACC-13: the one-time code mailed after the password is short-lived.</summary>
    public static readonly TimeSpan LoginCodeLifetime = TimeSpan.FromMinutes(10);
    public const int MaxAttempts = 5;

    public long Id { get; private set; }
    public Guid UserId { get; private set; }
    public AuthKeyPurpose Purpose { get; private set; }
    public string KeyHash { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? UsedAt { get; private set; }
    public int Attempts { get; private set; }

    /// <summary>Issues a new key; returns the entity and the plain key, which only the mail ever sees.</summary>
    public static (AuthKey Key, string Plain) Issue(Guid userId, AuthKeyPurpose purpose, DateTime now)
    {
        var plain = purpose == AuthKeyPurpose.LoginCode
            ? RandomNumberGenerator.GetString("0123456789", 6)
            : MailedKey.New();
        var lifetime = purpose == AuthKeyPurpose.LoginCode ? LoginCodeLifetime : Lifetime;
        return (new AuthKey { UserId = userId, Purpose = purpose, KeyHash = MailedKey.Hash(Owner(userId), plain), CreatedAt = now, ExpiresAt = now + lifetime }, plain);
    }

    public bool IsUsable(DateTime now) => UsedAt is null && now < ExpiresAt && Attempts < MaxAttempts;

    /// <summary>True and used up when <paramref name="plain"/> is this key and it is still usable; otherwise counts a try.</summary>
    public bool TryUse(string plain, DateTime now)
    {
        if (!IsUsable(now))
        {
            return false;
        }
        if (!MailedKey.Matches(KeyHash, Owner(UserId), plain))
        {
            Attempts++;
            return false;
        }
        UsedAt = now;
        return true;
    }

    private static string Owner(Guid userId) => userId.ToString("N");
}

/// <summary>
/// How every mailed key (auth keys, establishment invitations) is made, stored and compared, in
/// one place: random from an unambiguous alphabet, only a SHA-256 of owner and key kept, compared
/// in constant time after the same normalising.
/// </summary>
public static class MailedKey
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, 8);

    public static string Hash(string owner, string plain) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{owner}:{plain}")));

    public static bool Matches(string storedHash, string owner, string typed) =>
        CryptographicOperations.FixedTimeEquals(Convert.FromHexString(storedHash), Convert.FromHexString(Hash(owner, Normalize(typed))));

    /// <summary>Keys are shown in upper case; people type them in either case and with spaces.</summary>
    public static string Normalize(string plain) => new string(plain.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
}

public sealed class AuthKeyConfiguration : IEntityTypeConfiguration<AuthKey>
{
    public void Configure(EntityTypeBuilder<AuthKey> key)
    {
        key.ToTable("AuthKeys");
        key.Property(k => k.KeyHash).HasMaxLength(64);
        key.HasIndex(k => new { k.UserId, k.Purpose });
        key.HasIndex(k => k.ExpiresAt);
        key.HasOne<AppUser>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Auth keys stop working at 50 minutes by themselves; this rule removes the spent and expired ones.</summary>
public sealed class ExpiredAuthKeys : ITimedRule
{
    public string Name => "accounts.expired-auth-keys";

    public async Task<int> RunAsync(AppDb db, DateTime now, CancellationToken ct)
    {
        var due = await db.Set<AuthKey>().Where(k => k.ExpiresAt <= now || k.UsedAt != null).ToListAsync(ct);
        db.Set<AuthKey>().RemoveRange(due);
        await db.SaveChangesAsync(ct);
        return due.Count;
    }
}
