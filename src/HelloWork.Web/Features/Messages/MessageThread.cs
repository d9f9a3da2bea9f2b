using HelloWork.Web.Domain;
using HelloWork.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Features.Messages;

/// <summary>What a thread is about: an application, a direct request, or a conversation with staff.</summary>
public enum ThreadSubject { Application = 1, DirectRequest = 2, Staff = 3 }

/// <summary>The side a person speaks for in a thread.</summary>
public enum ThreadSide { Seeker = 1, Employer = 2, Staff = 3 }

/// <summary>
/// One conversation about one subject (MSG-1) between a seeker and either an establishment (any of
/// its employer logins) or one staff member. Messages carry a per-thread sequence number (MSG-4).
/// </summary>
public sealed class MessageThread
{
    public const int TitleMax = 200;

    /// <summary>MSG-5: "new message" may wait while an application is processed, but never longer than this.</summary>
    public static readonly TimeSpan LongestWaitToOpen = TimeSpan.FromHours(24);

    public long Id { get; private set; }
    public ThreadSubject Subject { get; private set; }
    public string SubjectId { get; private set; } = "";
    public string Title { get; private set; } = "";
    public Guid SeekerId { get; private set; }
    public Guid? EstablishmentId { get; private set; }
    public Guid? StaffId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    /// <summary>MSG-5: before this instant nobody can post yet (null: open at once).</summary>
    public DateTime? OpensAt { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    /// <summary>The highest sequence number given; also the concurrency token that orders concurrent sends.</summary>
    public long LastSeq { get; private set; }
    public DateTime LastMessageAt { get; private set; }

    public static MessageThread Open(ThreadSubject subject, string subjectId, string title, Guid seekerId,
        Guid? establishmentId, Guid? staffId, DateTime now, DateTime? opensAt = null)
    {
        if (string.IsNullOrWhiteSpace(subjectId) || subjectId.Length > 64) throw new ArgumentException("subject id", nameof(subjectId));
        if ((subject == ThreadSubject.Staff) != (staffId is not null) || (establishmentId is null) == (staffId is null))
        {
            throw new ArgumentException("a thread is with an establishment, or (for a staff conversation) with one staff member");
        }
        return new MessageThread
        {
            Subject = subject,
            SubjectId = subjectId,
            Title = title.Trim().Length > TitleMax ? title.Trim()[..TitleMax] : title.Trim(),
            SeekerId = seekerId,
            EstablishmentId = establishmentId,
            StaffId = staffId,
            CreatedAt = now,
            LastMessageAt = now,
            OpensAt = Clamp(opensAt, now),
        };
    }

    private static DateTime? Clamp(DateTime? opensAt, DateTime now) =>
        opensAt is not { } at || at <= now ? null : at - now > LongestWaitToOpen ? now + LongestWaitToOpen : at;

    /// <summary>MSG-5: the applications issue sets when "new message" becomes available; it is capped, so it never stays unavailable.</summary>
    public void OpenAt(DateTime? opensAt, DateTime now) => OpensAt = Clamp(opensAt, now);

    public void Close(DateTime now) => ClosedAt ??= now;

    /// <summary>Which side <paramref name="user"/> speaks for here; null when they are not a participant.</summary>
    public ThreadSide? SideOf(AppUser user) => user.Kind switch
    {
        UserKind.Seeker when user.Id == SeekerId => ThreadSide.Seeker,
        UserKind.Employer when EstablishmentId is not null && user.EstablishmentId == EstablishmentId => ThreadSide.Employer,
        UserKind.Staff when StaffId == user.Id => ThreadSide.Staff,
        _ => null,
    };

    /// <summary>
    /// The rules for posting (MSG-6, MSG-5): refused with a reason when the thread is closed or
    /// not open yet, the seeker's registration is not valid, or the sender is blocked.
    /// </summary>
    public Message Post(AppUser sender, string body, string clientKey, bool senderBlocked, DateTime now)
    {
        var side = SideOf(sender) ?? throw new DomainException("messages.error.not-participant");
        if (ClosedAt is not null) throw new DomainException("messages.error.closed");
        if (OpensAt is { } opens && now < opens) throw new DomainException("messages.error.not-open-yet");
        if (!sender.HasValidRegistration(now)) throw new DomainException("messages.error.registration-invalid");
        if (senderBlocked) throw new DomainException("messages.error.blocked");
        body = Message.Normalize(body);
        if (body.Length == 0) throw new DomainException("messages.error.body-required");
        if (body.Length > Message.BodyMax) throw new DomainException("messages.error.body-too-long");
        if (string.IsNullOrWhiteSpace(clientKey) || clientKey.Length > Message.ClientKeyMax) throw new DomainException("messages.error.bad-key");
        LastSeq++;
        LastMessageAt = now;
        return new Message(Id, LastSeq, sender.Id, side, body, clientKey, now);
    }
}

public sealed class MessageThreadConfiguration : IEntityTypeConfiguration<MessageThread>
{
    public void Configure(EntityTypeBuilder<MessageThread> thread)
    {
        thread.ToTable("MessageThreads");
        thread.Property(t => t.SubjectId).HasMaxLength(64);
        thread.Property(t => t.Title).HasMaxLength(MessageThread.TitleMax);
        thread.Property(t => t.LastSeq).IsConcurrencyToken();
        thread.HasIndex(t => new { t.Subject, t.SubjectId }).IsUnique();
        thread.HasIndex(t => new { t.SeekerId, t.LastMessageAt });
        thread.HasIndex(t => new { t.EstablishmentId, t.LastMessageAt });
        thread.HasIndex(t => new { t.StaffId, t.LastMessageAt });
        thread.HasOne<AppUser>().WithMany().HasForeignKey(t => t.SeekerId).OnDelete(DeleteBehavior.Cascade);
        thread.HasOne<AppUser>().WithMany().HasForeignKey(t => t.StaffId).OnDelete(DeleteBehavior.Restrict);
        thread.HasOne<Accounts.Establishment>().WithMany().HasForeignKey(t => t.EstablishmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
