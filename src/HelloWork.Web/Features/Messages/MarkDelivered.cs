using System.Globalization;
using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Messages;

/// <summary>
/// BEY-3: a page of the person fetched their counts (badge, inbox), so every message so far
/// reached one of their devices. Runs on GETs that every page makes, so its cost must not grow
/// with the number of threads: one read, at most one INSERT, one UPDATE, one lookup of
/// the other side's logins, and one push per person told.
/// </summary>
public static class MarkDelivered
{
    private sealed record Behind(long Id, DateTime LastMessageAt, bool HasReader, long LastSeq, Guid SeekerId, Guid? EstablishmentId, Guid? StaffId);

    public static async Task AllAsync(AppDb db, AppUser me, LiveNotifier live, CancellationToken ct)
    {
        var mine = Threads.Of(db, me);
        var readers = db.Set<ThreadReader>().Where(r => r.UserId == me.Id);
        var behind = await mine
            .Where(t => t.LastSeq > (readers.Where(r => r.ThreadId == t.Id).Select(r => (long?)r.DeliveredSeq).FirstOrDefault() ?? 0))
            .Select(t => new Behind(t.Id, t.LastMessageAt, readers.Any(r => r.ThreadId == t.Id), t.LastSeq, t.SeekerId, t.EstablishmentId, t.StaffId))
            .ToListAsync(ct);
        if (behind.Count == 0) return;

        var inserted = await InsertMissingAsync(db, me.Id, behind.Where(t => !t.HasReader).ToList(), ct);
        // Set-based: every existing reader row of this person that is behind its thread moves to the
        // thread's last message in one statement (a racing tab only makes it match fewer rows).
        var moved = await db.Set<ThreadReader>()
            .Where(r => r.UserId == me.Id && mine.Any(t => t.Id == r.ThreadId && t.LastSeq > r.DeliveredSeq))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.DeliveredSeq,
                r => db.Set<MessageThread>().Where(t => t.Id == r.ThreadId).Select(t => t.LastSeq).First()), ct);
        if (inserted + moved == 0) return;

        await TellOtherSideAsync(db, me, behind, live, ct);
    }

    /// <summary>
    /// First reader rows, delivered up to each thread's last message, in one INSERT ... SELECT. EF
    /// has no set-based insert and its SQLite provider sends one INSERT per row, hence the SQL
    /// (the same on SQLite and PostgreSQL). The ids are our own longs; the user id comes from its
    /// row, so it is stored exactly as EF stores it. A row a racing tab inserted first is skipped
    /// here and moved by the UPDATE that follows.
    /// </summary>
    private static async Task<int> InsertMissingAsync(AppDb db, Guid me, List<Behind> missing, CancellationToken ct)
    {
        var inserted = 0;
        foreach (var chunk in missing.Chunk(500))
        {
            var ids = string.Join(",", chunk.Select(t => t.Id.ToString(CultureInfo.InvariantCulture)));
            var sql = """
                INSERT INTO "ThreadReaders" ("ThreadId", "UserId", "DeliveredSeq", "ReadSeq")
                SELECT t."Id", u."Id", t."LastSeq", 0 FROM "MessageThreads" AS t, "AspNetUsers" AS u
                WHERE u."Id" = {0} AND t."Id" IN (
                """ + ids + ") ON CONFLICT DO NOTHING";
            inserted += await db.Database.ExecuteSqlRawAsync(sql, [me], ct);
        }
        return inserted;
    }

    /// <summary>
    /// The other side's pages show "delivered" on their own messages. A thread page refreshes its
    /// state on any message-delivered event, so each person gets one push, naming the newest of
    /// their threads that moved (pushes carry ids only).
    /// </summary>
    private static async Task TellOtherSideAsync(AppDb db, AppUser me, List<Behind> behind, LiveNotifier live, CancellationToken ct)
    {
        var newestFirst = behind.OrderByDescending(t => t.LastMessageAt).ThenByDescending(t => t.Id).ToList();
        var threadOf = new Dictionary<Guid, long>();
        void Tell(Guid user, long thread) => threadOf.TryAdd(user, thread);
        if (me.Kind == UserKind.Seeker)
        {
            var establishments = newestFirst.Where(t => t.EstablishmentId is not null).Select(t => t.EstablishmentId!.Value).Distinct().ToList();
            var employers = establishments.Count == 0 ? [] : await db.Users
                .Where(u => u.Kind == UserKind.Employer && u.EstablishmentId != null && establishments.Contains(u.EstablishmentId.Value))
                .Select(u => new { u.Id, EstablishmentId = u.EstablishmentId!.Value })
                .ToListAsync(ct);
            foreach (var t in newestFirst)
            {
                if (t.StaffId is { } staff) Tell(staff, t.Id);
                foreach (var employer in employers.Where(e => e.EstablishmentId == t.EstablishmentId)) Tell(employer.Id, t.Id);
            }
        }
        else
        {
            foreach (var t in newestFirst) Tell(t.SeekerId, t.Id);
        }
        foreach (var group in threadOf.GroupBy(p => p.Value, p => p.Key))
        {
            await live.PushAsync(c => c.MessageDelivered(group.Key), group.ToList());
        }
    }
}
