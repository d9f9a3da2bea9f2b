using HelloWork.Web.Domain;
using HelloWork.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Features.Notices;

/// <summary>A notice (お知らせ) from Hello Work staff to one person. Read-only for the recipient (MSG-2).</summary>
public sealed class Notice
{
    public const int TitleMax = 100;
    public const int BodyMax = 2000;

    public long Id { get; private set; }
    public Guid RecipientId { get; private set; }
    public Guid SenderId { get; private set; }
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTime SentAt { get; private set; }
    public DateTime? ReadAt { get; private set; }

    public bool IsRead => ReadAt is not null;

    public static Notice Send(AppUser sender, AppUser recipient, string title, string body, DateTime now)
    {
        if (sender.Kind != UserKind.Staff)
        {
            throw new DomainException("notices.error.only-staff");
        }
        if (recipient.Kind == UserKind.Staff)
        {
            throw new DomainException("notices.error.recipient-kind");
        }
        title = title.Trim();
        body = body.Trim();
        if (title.Length == 0) throw new DomainException("notices.error.title-required");
        if (title.Length > TitleMax) throw new DomainException("notices.error.title-too-long");
        if (body.Length == 0) throw new DomainException("notices.error.body-required");
        if (body.Length > BodyMax) throw new DomainException("notices.error.body-too-long");
        return new Notice { RecipientId = recipient.Id, SenderId = sender.Id, Title = title, Body = body, SentAt = now };
    }

    /// <summary>Marks the notice read; returns false when it already was (the first read time stays).</summary>
    public bool MarkRead(DateTime now)
    {
        if (ReadAt is not null)
        {
            return false;
        }
        ReadAt = now;
        return true;
    }
}

public sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> notice)
    {
        notice.ToTable("Notices");
        notice.Property(n => n.Title).HasMaxLength(Notice.TitleMax);
        notice.Property(n => n.Body).HasMaxLength(Notice.BodyMax);
        notice.HasIndex(n => new { n.RecipientId, n.Id });
        notice.HasIndex(n => new { n.RecipientId, n.ReadAt });
        notice.HasOne<AppUser>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Cascade);
        notice.HasOne<AppUser>().WithMany().HasForeignKey(n => n.SenderId).OnDelete(DeleteBehavior.Restrict);
        notice.Ignore(n => n.IsRead);
    }
}
