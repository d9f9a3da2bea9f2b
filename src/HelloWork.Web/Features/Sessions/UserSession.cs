using System.Linq.Expressions;
using HelloWork.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Features.Sessions;

/// <summary>
/// One signed-in browser (SEC-4). The sign-in cookie carries only a random key; this row holds the
/// sign-in itself (the serialized ticket), so ending the row ends the sign-in at once, whatever
/// copies of the cookie exist. Only a hash of the key is stored: the database alone cannot make a
/// working cookie.
/// </summary>
public sealed class UserSession
{
    public const int UserAgentMax = 300;

    public long Id { get; private set; }
    public string KeyHash { get; private set; } = "";
    public Guid UserId { get; private set; }
    public byte[] Ticket { get; private set; } = [];
    /// <summary>The browser that signed in, as it named itself (shown in plain words, see <see cref="DeviceNames"/>).</summary>
    public string? UserAgent { get; private set; }
    public DateTime CreatedAt { get; private set; }
    /// <summary>Written at most once per <see cref="SessionLifetimeOptions.LastSeenEveryMinutes"/>, not on every request.</summary>
    public DateTime LastSeenAt { get; private set; }
    /// <summary>The sliding end, moved on by the cookie handler as the person keeps using the site.</summary>
    public DateTime ExpiresAt { get; private set; }
    /// <summary>The absolute end: however active, the session ends here.</summary>
    public DateTime AbsoluteExpiresAt { get; private set; }
    /// <summary>Logout, a password change, "end this session" ...: ended at once, removed by the timed rule.</summary>
    public DateTime? EndedAt { get; private set; }

    public static UserSession Start(string keyHash, Guid userId, byte[] ticket, string? userAgent, DateTime now, DateTime expiresAt, TimeSpan absoluteLifetime)
    {
        var absolute = now + absoluteLifetime;
        return new UserSession
        {
            KeyHash = keyHash,
            UserId = userId,
            Ticket = ticket,
            UserAgent = userAgent is null ? null : userAgent.Length <= UserAgentMax ? userAgent : userAgent[..UserAgentMax],
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = expiresAt < absolute ? expiresAt : absolute,
            AbsoluteExpiresAt = absolute,
        };
    }

    /// <summary>Active: not ended, and neither the sliding nor the absolute end has come. One rule for queries and for a loaded row.</summary>
    private static readonly Expression<Func<UserSession, DateTime, bool>> Active =
        (s, now) => s.EndedAt == null && now < s.ExpiresAt && now < s.AbsoluteExpiresAt;

    private static readonly Func<UserSession, DateTime, bool> ActiveCompiled = Active.Compile();

    public bool IsActive(DateTime now) => ActiveCompiled(this, now);

    public static Expression<Func<UserSession, bool>> ActiveAt(DateTime now) => At(Active, now);

    /// <summary>Gone for good (ended, or past either end): the timed rule deletes it.</summary>
    public static Expression<Func<UserSession, bool>> OverAt(DateTime now) =>
        At((s, at) => s.EndedAt != null || s.ExpiresAt <= at || s.AbsoluteExpiresAt <= at, now);

    /// <summary>Binds the instant as a query parameter (a member of a closure object, as a lambda's captured variable would be).</summary>
    private static Expression<Func<UserSession, bool>> At(Expression<Func<UserSession, DateTime, bool>> rule, DateTime now)
    {
        var instant = Expression.Property(Expression.Constant(new Instant(now)), nameof(Instant.Value));
        return Expression.Lambda<Func<UserSession, bool>>(new Replace(rule.Parameters[1], instant).Visit(rule.Body), rule.Parameters[0]);
    }

    private sealed record Instant(DateTime Value);

    private sealed class Replace(ParameterExpression parameter, Expression with) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? with : node;
    }

    /// <summary>The cookie handler renewed the sign-in (sliding) or signed the same person in again (a new security stamp).</summary>
    public void Renew(byte[] ticket, DateTime expiresAt, DateTime now)
    {
        Ticket = ticket;
        ExpiresAt = expiresAt < AbsoluteExpiresAt ? expiresAt : AbsoluteExpiresAt;
        LastSeenAt = now;
    }

    /// <summary>Ends the session; false when it had already ended.</summary>
    public bool End(DateTime now)
    {
        if (EndedAt is not null) return false;
        EndedAt = now;
        return true;
    }

    /// <summary>"Last seen" is written when it is at least this old: a few writes an hour, not one per request.</summary>
    public bool LastSeenIsStale(DateTime now, TimeSpan every) => now - LastSeenAt >= every;
}

public sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> session)
    {
        session.ToTable("UserSessions");
        session.HasKey(s => s.Id);
        session.Property(s => s.KeyHash).HasMaxLength(64).IsRequired();
        session.HasIndex(s => s.KeyHash).IsUnique();
        session.Property(s => s.UserAgent).HasMaxLength(UserSession.UserAgentMax);
        session.Property(s => s.Ticket).IsRequired();
        session.HasIndex(s => s.UserId);
        session.HasIndex(s => s.ExpiresAt);
        session.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
