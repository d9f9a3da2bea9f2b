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
/// Moves a reader forward in one statement: an INSERT of the first row or, when the row exists, an
/// UPDATE that only ever moves a mark forward (ON CONFLICT DO UPDATE, the same SQL on SQLite and
/// PostgreSQL). Tabs and requests of the same person racing each other never lose a step nor fail.
/// </summary>
public static class ReadState
{
    /// <summary>Returns true when the read (or delivered) mark moved.</summary>
    public static async Task<bool> AdvanceAsync(Data.AppDb db, long threadId, Guid userId, long seq, bool read, CancellationToken ct)
    {
        // The user id is selected from its row, so it is stored exactly as EF stores it (see MarkDelivered).
        const string sql = """
            INSERT INTO "ThreadReaders" ("ThreadId", "UserId", "DeliveredSeq", "ReadSeq")
            SELECT {0}, u."Id", {2}, {3} FROM "AspNetUsers" AS u WHERE u."Id" = {1}
            ON CONFLICT ("ThreadId", "UserId") DO UPDATE SET
                "DeliveredSeq" = CASE WHEN "ThreadReaders"."DeliveredSeq" < excluded."DeliveredSeq" THEN excluded."DeliveredSeq" ELSE "ThreadReaders"."DeliveredSeq" END,
                "ReadSeq" = CASE WHEN "ThreadReaders"."ReadSeq" < excluded."ReadSeq" THEN excluded."ReadSeq" ELSE "ThreadReaders"."ReadSeq" END
            WHERE "ThreadReaders"."DeliveredSeq" < excluded."DeliveredSeq" OR "ThreadReaders"."ReadSeq" < excluded."ReadSeq"
            """;
        return await db.Database.ExecuteSqlRawAsync(sql, [threadId, userId, seq, read ? seq : 0L], ct) > 0;
    }
}
