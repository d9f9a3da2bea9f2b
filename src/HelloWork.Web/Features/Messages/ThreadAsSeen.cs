using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Messages;

/// <summary>
/// One thread as one participant sees it, with everything its pages need around it, read in one
/// statement: who it is with, whether the employer side is blocked (MSG-6), how far the other
/// side's devices got (BEY-3), the last message of the person's side, every participant (for the
/// pushes), the person's own reader row, and, for a send, whether the send's key was stored.
/// Only the person's own threads are found (<see cref="Threads.Of"/>); another person's is null.
/// </summary>
public sealed record ThreadAsSeen(
    MessageThread Thread, ThreadSide Side, string With, bool Blocked, DeliveryMarks Marks, long LastMine,
    IReadOnlyList<Guid> Participants, ThreadReader? MyReader, bool KeyStored)
{
    /// <summary><paramref name="forSend"/>: the thread and the reader row are tracked (the send changes both), and <paramref name="key"/> is looked up.</summary>
    public static async Task<ThreadAsSeen?> LoadAsync(AppDb db, AppUser me, long id, CancellationToken ct, bool forSend = false, string? key = null)
    {
        var side = ListThreads.SideOfKind(me.Kind);
        var seekerSide = side == ThreadSide.Seeker;
        var meId = me.Id;
        var threads = Threads.Of(db, me).Where(t => t.Id == id);
        if (!forSend) threads = threads.AsNoTracking();
        var row = await threads.Select(t => new
        {
            Thread = t,
            With = seekerSide
                ? (t.EstablishmentId != null
                    ? db.Set<Establishment>().Where(e => e.Id == t.EstablishmentId).Select(e => e.Name).FirstOrDefault()
                    : db.Users.Where(u => u.Id == t.StaffId).Select(u => u.DisplayName).FirstOrDefault())
                : db.Users.Where(u => u.Id == t.SeekerId).Select(u => u.DisplayName).FirstOrDefault(),
            Blocked = db.Set<Block>().Any(b => b.SeekerId == t.SeekerId && b.EstablishmentId == t.EstablishmentId),
            // The other side: everyone but the seeker when the person is the seeker, else the seeker.
            Read = db.Set<ThreadReader>().Where(r => r.ThreadId == t.Id && (r.UserId == t.SeekerId) != seekerSide).Max(r => (long?)r.ReadSeq),
            Delivered = db.Set<ThreadReader>().Where(r => r.ThreadId == t.Id && (r.UserId == t.SeekerId) != seekerSide).Max(r => (long?)r.DeliveredSeq),
            // BEY-3: read receipts only where every participant allows them (no settings row allows them).
            ReceiptsOff = db.Set<MessagingSettings>().Any(s => !s.ReadReceipts && (s.UserId == t.SeekerId || s.UserId == t.StaffId
                || db.Users.Any(u => u.Id == s.UserId && u.Kind == UserKind.Employer && u.EstablishmentId != null && u.EstablishmentId == t.EstablishmentId))),
            LastMine = db.Set<Message>().Where(m => m.ThreadId == t.Id && m.SenderSide == side).Max(m => (long?)m.Seq),
            KeyStored = key != null && db.Set<Message>().Any(m => m.SenderId == meId && m.ClientKey == key && m.ThreadId == t.Id),
            Employers = db.Users.Where(u => u.Kind == UserKind.Employer && u.EstablishmentId != null && u.EstablishmentId == t.EstablishmentId).Select(u => u.Id).ToList(),
            Mine = db.Set<ThreadReader>().Where(r => r.ThreadId == t.Id && r.UserId == meId).ToList(),
        }).SingleOrDefaultAsync(ct);
        if (row is null) return null;

        var thread = row.Thread;
        var receipts = !row.ReceiptsOff;
        var read = receipts ? row.Read ?? 0 : 0;
        var marks = new DeliveryMarks(read, Math.Max(row.Delivered ?? 0, read));
        List<Guid> participants = [thread.SeekerId];
        if (thread.StaffId is { } staff) participants.Add(staff);
        participants.AddRange(row.Employers);
        return new ThreadAsSeen(thread, side, row.With ?? "", side == ThreadSide.Employer && row.Blocked, marks, row.LastMine ?? 0,
            participants, row.Mine.FirstOrDefault(), row.KeyStored);
    }

    /// <summary>The delivery state of the person's side's last message (BEY-3).</summary>
    public ShowThread.State State => new(Thread.Id, LastMine == 0 ? null : Marks.KeyFor(LastMine), Marks.Read, Marks.Delivered);
}
