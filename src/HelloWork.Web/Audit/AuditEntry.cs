using HelloWork.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Audit;

/// <summary>ACC-11: every staff action is recorded: who, what, whom, when.</summary>
public sealed class AuditEntry
{
    public long Id { get; private set; }
    public Guid ActorId { get; private set; }
    public string Action { get; private set; } = "";
    public Guid? SubjectUserId { get; private set; }
    public string Detail { get; private set; } = "";
    public DateTime At { get; private set; }

    public static AuditEntry Record(Guid actorId, string action, Guid? subjectUserId, string detail, DateTime now) => new()
    {
        ActorId = actorId,
        Action = action,
        SubjectUserId = subjectUserId,
        Detail = detail.Length > 500 ? detail[..500] : detail,
        At = now,
    };
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("AuditEntries");
        entry.Property(e => e.Action).HasMaxLength(64);
        entry.Property(e => e.Detail).HasMaxLength(500);
        entry.HasIndex(e => new { e.ActorId, e.At });
        entry.HasIndex(e => new { e.SubjectUserId, e.At });
    }
}

public static class AuditExtensions
{
    public static void Audit(this AppDb db, Guid actorId, string action, Guid? subject, string detail, DateTime now) =>
        db.Set<AuditEntry>().Add(AuditEntry.Record(actorId, action, subject, detail, now));
}
