using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Features.Messages;

/// <summary>One person's place in one thread: what reached their device and what they read (BEY-3, BEY-8).</summary>
public sealed class ThreadReader
{
    public long ThreadId { get; private set; }
    public Guid UserId { get; private set; }
    public long DeliveredSeq { get; private set; }
    public long ReadSeq { get; private set; }

    public static ThreadReader For(long threadId, Guid userId) => new() { ThreadId = threadId, UserId = userId };

    /// <summary>Reading up to <paramref name="seq"/> also means it was delivered. Returns false when nothing changed.</summary>
    public bool ReadUpTo(long seq)
    {
        var changed = Delivered(seq);
        if (seq > ReadSeq)
        {
            ReadSeq = seq;
            changed = true;
        }
        return changed;
    }

    public bool Delivered(long seq)
    {
        if (seq <= DeliveredSeq) return false;
        DeliveredSeq = seq;
        return true;
    }

    /// <summary>BEY-8 "mark unread": the thread counts as unread again from the other side's last message.</summary>
    public void MarkUnreadFrom(long seq) => ReadSeq = Math.Max(0, Math.Min(ReadSeq, seq - 1));
}

public sealed class ThreadReaderConfiguration : IEntityTypeConfiguration<ThreadReader>
{
    public void Configure(EntityTypeBuilder<ThreadReader> reader)
    {
        reader.ToTable("ThreadReaders");
        reader.HasKey(r => new { r.ThreadId, r.UserId });
        reader.HasIndex(r => r.UserId);
        reader.HasOne<MessageThread>().WithMany().HasForeignKey(r => r.ThreadId).OnDelete(DeleteBehavior.Cascade);
        reader.HasOne<Accounts.AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Moves a reader forward with one conditional UPDATE (or the first INSERT), so tabs and
/// requests of the same person racing each other never lose a step nor fail (SQLite or PostgreSQL).
/// </summary>
public static class ReadState
{
    /// <summary>Returns true when the read (or delivered) mark moved.</summary>
    public static async Task<bool> AdvanceAsync(Data.AppDb db, long threadId, Guid userId, long seq, bool read, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var rows = db.Set<ThreadReader>().Where(r => r.ThreadId == threadId && r.UserId == userId);
            var moved = read
                ? await rows.Where(r => r.ReadSeq < seq || r.DeliveredSeq < seq).ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.ReadSeq, r => r.ReadSeq < seq ? seq : r.ReadSeq)
                    .SetProperty(r => r.DeliveredSeq, r => r.DeliveredSeq < seq ? seq : r.DeliveredSeq), ct)
                : await rows.Where(r => r.DeliveredSeq < seq).ExecuteUpdateAsync(s => s.SetProperty(r => r.DeliveredSeq, seq), ct);
            if (moved > 0) return true;
            if (await rows.AnyAsync(ct)) return false;
            var reader = ThreadReader.For(threadId, userId);
            if (read) reader.ReadUpTo(seq); else reader.Delivered(seq);
            db.Add(reader);
            try
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateException)
            {
                db.Entry(reader).State = EntityState.Detached; // another request inserted it first: update that row
            }
        }
        return false;
    }
}
