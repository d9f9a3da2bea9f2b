using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Messages;

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
