using HelloWork.Web.Domain;
using System.Text.Json;
using HelloWork.Web.Data;
using HelloWork.Web.TimedRules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Features.Accounts;

/// <summary>
/// The job-seeker registration (求職申込み) filed online (ACC-2), kept as one document. The seeker
/// profile feature builds on it. While being filled in it is a draft; a temporary save (一時保存)
/// starts the day-7 warning and day-14 deletion clocks.
/// </summary>
public sealed class SeekerRegistration
{
    public static readonly TimeSpan WarnAfter = TimeSpan.FromDays(7);
    public static readonly TimeSpan DeleteAfter = TimeSpan.FromDays(14);

    public Guid UserId { get; private set; }
    public string Data { get; private set; } = "{}";
    public int Step { get; private set; } = 1;
    /// <summary>Last temporary save; null while never saved on purpose.</summary>
    public DateTime? SavedAt { get; private set; }
    public DateTime? WarnedAt { get; private set; }
    public DateTime? FiledAt { get; private set; }

    public bool IsDraft => FiledAt is null;

    public static SeekerRegistration Start(Guid userId) => new() { UserId = userId };

    public FileRegistration.Form Read() => JsonSerializer.Deserialize<FileRegistration.Form>(Data) ?? new();

    public void Write(FileRegistration.Form form, int step)
    {
        if (!IsDraft) throw new DomainException("accounts.registration-form.already-filed");
        Data = JsonSerializer.Serialize(form with { Step = null, Action = null });
        Step = step;
    }

    /// <summary>一時保存 (mail #6): restarts the 7- and 14-day clocks.</summary>
    public void SaveTemporarily(DateTime now)
    {
        if (!IsDraft) throw new DomainException("accounts.registration-form.already-filed");
        SavedAt = now;
        WarnedAt = null;
    }

    public DateTime DeleteOn => (SavedAt ?? DateTime.MinValue) + DeleteAfter;

    public void File(DateTime now)
    {
        if (!IsDraft) throw new DomainException("accounts.registration-form.already-filed");
        FiledAt = now;
        SavedAt = null;
        WarnedAt = null;
    }

    public void MarkWarned(DateTime now) => WarnedAt = now;
}

public sealed class SeekerRegistrationConfiguration : IEntityTypeConfiguration<SeekerRegistration>
{
    public void Configure(EntityTypeBuilder<SeekerRegistration> r)
    {
        r.ToTable("SeekerRegistrations");
        r.HasKey(x => x.UserId);
        r.Property(x => x.Data).HasMaxLength(20000);
        r.HasIndex(x => new { x.FiledAt, x.SavedAt });
        r.HasOne<AppUser>().WithOne().HasForeignKey<SeekerRegistration>(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        r.Ignore(x => x.IsDraft);
        r.Ignore(x => x.DeleteOn);
    }
}

/// <summary>ACC-2: 7 days after a temporary save, mail #7 warns that the draft will be deleted; once per save.</summary>
public sealed class DraftDeletionWarning(AccountMails mails) : ITimedRule
{
    public string Name => "accounts.draft-warning-day-7";

    public async Task<int> RunAsync(AppDb db, DateTime now, CancellationToken ct)
    {
        var warnFrom = now - SeekerRegistration.WarnAfter;
        var deleteFrom = now - SeekerRegistration.DeleteAfter;
        var due = await db.Set<SeekerRegistration>()
            .Where(r => r.FiledAt == null && r.SavedAt != null && r.SavedAt <= warnFrom && r.SavedAt > deleteFrom && r.WarnedAt == null)
            .ToListAsync(ct);
        foreach (var draft in due)
        {
            var user = await db.Users.SingleAsync(u => u.Id == draft.UserId, ct);
            mails.DraftDeletionWarning(db, user, draft.DeleteOn, now);
            draft.MarkWarned(now);
        }
        await db.SaveChangesAsync(ct);
        if (due.Count > 0) mails.Wake();
        return due.Count;
    }
}

/// <summary>ACC-2: 14 days after a temporary save the draft is deleted and mail #8 says so.</summary>
public sealed class DraftDeletion(AccountMails mails) : ITimedRule
{
    public string Name => "accounts.draft-deletion-day-14";

    public async Task<int> RunAsync(AppDb db, DateTime now, CancellationToken ct)
    {
        var deleteFrom = now - SeekerRegistration.DeleteAfter;
        var due = await db.Set<SeekerRegistration>()
            .Where(r => r.FiledAt == null && r.SavedAt != null && r.SavedAt <= deleteFrom)
            .ToListAsync(ct);
        foreach (var draft in due)
        {
            var user = await db.Users.SingleAsync(u => u.Id == draft.UserId, ct);
            mails.DraftDeleted(db, user, now);
            db.Set<SeekerRegistration>().Remove(draft);
        }
        await db.SaveChangesAsync(ct);
        if (due.Count > 0) mails.Wake();
        return due.Count;
    }
}
