using System.Globalization;
using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Messages;

/// <summary>
/// BEY-3: a page of the person fetched their counts (badge, inbox), so every message so far
/// reached one of their devices. Runs on GETs that every page makes, so its cost must not grow
/// with the number of threads: one read (the threads behind, with the logins to tell), at most one
/// upsert, and one push per person told.
/// </summary>
public static class MarkDelivered
{
    private sealed record Behind(long Id, DateTime LastMessageAt, Guid SeekerId, Guid? StaffId, List<Guid> Employers);

    public static async Task AllAsync(AppDb db, AppUser me, LiveNotifier live, CancellationToken ct)
    {
        var mine = Threads.Of(db, me);
        var readers = db.Set<ThreadReader>().Where(r => r.UserId == me.Id);
        // A seeker tells the employers of each thread's establishment; an employer or staff tells the seeker (on the thread row).
        var moved = mine.Where(t => t.LastSeq > (readers.Where(r => r.ThreadId == t.Id).Select(r => (long?)r.DeliveredSeq).FirstOrDefault() ?? 0));
        var behind = await (me.Kind == UserKind.Seeker
            ? moved.Select(t => new Behind(t.Id, t.LastMessageAt, t.SeekerId, t.StaffId,
                db.Users.Where(u => u.Kind == UserKind.Employer && u.EstablishmentId != null && u.EstablishmentId == t.EstablishmentId).Select(u => u.Id).ToList()))
            : moved.Select(t => new Behind(t.Id, t.LastMessageAt, t.SeekerId, t.StaffId, new List<Guid>())))
            .ToListAsync(ct);
        if (behind.Count == 0) return;

        if (await UpsertAsync(db, me.Id, behind, ct) == 0) return;
        await TellOtherSideAsync(me, behind, live);
    }

    /// <summary>
    /// Every reader row of this person that is missing or behind its thread is set to the thread's
    /// last message, in one INSERT ... SELECT ... ON CONFLICT DO UPDATE per 500 threads (EF has no
    /// set-based insert and its SQLite provider sends one INSERT per row, hence the SQL, the same
    /// on SQLite and PostgreSQL). The ids are our own longs; the user id comes from its row, so it
    /// is stored exactly as EF stores it. A row a racing tab moved first is left as it is.
    /// </summary>
    private static async Task<int> UpsertAsync(AppDb db, Guid me, List<Behind> behind, CancellationToken ct)
    {
        var moved = 0;
        foreach (var chunk in behind.Chunk(500))
        {
            var ids = string.Join(",", chunk.Select(t => t.Id.ToString(CultureInfo.InvariantCulture)));
            var sql = """
                INSERT INTO "ThreadReaders" ("ThreadId", "UserId", "DeliveredSeq", "ReadSeq")
                SELECT t."Id", u."Id", t."LastSeq", 0 FROM "MessageThreads" AS t, "AspNetUsers" AS u
                WHERE u."Id" = {0} AND t."Id" IN (
                """ + ids + """
                )
                ON CONFLICT ("ThreadId", "UserId") DO UPDATE SET "DeliveredSeq" = excluded."DeliveredSeq"
                WHERE "ThreadReaders"."DeliveredSeq" < excluded."DeliveredSeq"
                """;
            moved += await db.Database.ExecuteSqlRawAsync(sql, [me], ct);
        }
        return moved;
    }

    /// <summary>
    /// The other side's pages show "delivered" on their own messages. A thread page refreshes its
    /// state on any message-delivered event, so each person gets one push, naming the newest of
    /// their threads that moved (pushes carry ids only).
    /// </summary>
    private static async Task TellOtherSideAsync(AppUser me, List<Behind> behind, LiveNotifier live)
    {
        var threadOf = new Dictionary<Guid, long>();
        foreach (var t in behind.OrderByDescending(t => t.LastMessageAt).ThenByDescending(t => t.Id))
        {
            if (me.Kind != UserKind.Seeker)
            {
                threadOf.TryAdd(t.SeekerId, t.Id);
                continue;
            }
            if (t.StaffId is { } staff) threadOf.TryAdd(staff, t.Id);
            foreach (var employer in t.Employers) threadOf.TryAdd(employer, t.Id);
        }
        foreach (var group in threadOf.GroupBy(p => p.Value, p => p.Key))
        {
            await live.PushAsync(c => c.MessageDelivered(group.Key), group.ToList());
        }
    }
}
