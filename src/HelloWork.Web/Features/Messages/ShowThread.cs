using HelloWork.Web.Http;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Data;
using HelloWork.Web.Live;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Messages;

/// <summary>
/// A thread's page: the latest messages (older ones in pages as one scrolls up), the send box,
/// and the catch-up fragment that returns only messages after the last sequence the page saw (MSG-4).
/// </summary>
public static class ShowThread
{
    public const int PageSize = 30;
    public const int CatchUpMax = 500;

    /// <summary>A message as shown; <paramref name="Key"/> is the sender's own send key, only on the viewer's own messages
    /// (the page drops an unsent copy once its key is shown as stored).</summary>
    public sealed record Row(long Seq, string SenderName, DateTime SentAt, string Html, bool Mine, string? StateKey, string? Key);

    public sealed record Messages(long ThreadId, IReadOnlyList<Row> Rows, long? OlderThan);

    /// <summary><paramref name="UserId"/> names where the page keeps this person's unsent messages for this thread.</summary>
    public sealed record View(MessageThread Thread, Guid UserId, string With, Messages History, SendMessage.View Send, State State, string? Refusal);

    public sealed record State(long ThreadId, string? Key, long Read, long Delivered);

    public static async Task<IResult> Page(HttpContext context, long id, AppDb db, Pages pages, TimeProvider clock, LiveNotifier live, CancellationToken ct)
    {
        var me = await CurrentUser.Of(context).ReadAsync(db, ct);
        if (await ThreadAsSeen.LoadAsync(db, me, id, ct) is not { } seen) return Results.NotFound();
        var thread = seen.Thread;
        var history = await LoadAsync(db, seen, me, null, null, ct);
        await MarkReadAsync(db, seen, me, thread.LastSeq, live, ct);
        var view = new View(thread, me.Id, seen.With, history, SendMessage.Fresh(thread.Id), seen.State, Refusal(seen, me, clock.GetUtcNow().UtcDateTime));
        return pages.Page(context, "messages/thread", view, "messages.title");
    }

    /// <summary>MSG-6: why sending would be refused now, told before anyone types (the send itself checks again).</summary>
    private static string? Refusal(ThreadAsSeen seen, AppUser me, DateTime now) =>
        seen.Thread.ClosedAt is not null ? "messages.error.closed"
            : seen.Thread.OpensAt is { } opens && now < opens ? "messages.error.not-open-yet"
            : !me.HasValidRegistration(now) ? "messages.error.registration-invalid"
            : seen.Blocked ? "messages.error.blocked"
            : null;

    /// <summary>?after=seq: only newer messages, for live updates and catch-up; ?before=seq: the page of older ones.</summary>
    public static async Task<IResult> Fragment(HttpContext context, long id, long? after, long? before, AppDb db, Pages pages, LiveNotifier live, CancellationToken ct)
    {
        var me = await CurrentUser.Of(context).ReadAsync(db, ct);
        if (await ThreadAsSeen.LoadAsync(db, me, id, ct) is not { } seen) return Results.NotFound();
        var history = await LoadAsync(db, seen, me, after, before, ct);
        if (after is not null && history.Rows.Count > 0)
        {
            await MarkReadAsync(db, seen, me, history.Rows[^1].Seq, live, ct);
        }
        return pages.Fragment(context, "messages/_messages", history);
    }

    /// <summary>The delivery state of the person's side's last message (BEY-3).</summary>
    public static async Task<IResult> StateFragment(HttpContext context, long id, AppDb db, Pages pages, CancellationToken ct)
    {
        var me = await CurrentUser.Of(context).ReadAsync(db, ct);
        if (await ThreadAsSeen.LoadAsync(db, me, id, ct) is not { } seen) return Results.NotFound();
        return pages.Fragment(context, "messages/_state", seen.State);
    }

    /// <summary>The messages, with the sender's names and the delivery state of the person's own, in one statement.</summary>
    public static async Task<Messages> LoadAsync(AppDb db, ThreadAsSeen seen, AppUser me, long? after, long? before, CancellationToken ct)
    {
        var thread = seen.Thread;
        var side = seen.Side;
        var marks = seen.Marks;
        var query = db.Set<Message>().Where(m => m.ThreadId == thread.Id);
        List<Row> rows;
        var more = false;
        if (after is not null)
        {
            rows = await Project(db, query.Where(m => m.Seq > after).OrderBy(m => m.Seq).Take(CatchUpMax), me, side, marks, ct);
        }
        else
        {
            if (before is not null) query = query.Where(m => m.Seq < before);
            rows = await Project(db, query.OrderByDescending(m => m.Seq).Take(PageSize + 1), me, side, marks, ct);
            more = rows.Count > PageSize;
            if (more) rows.RemoveAt(rows.Count - 1);
            rows.Reverse();
        }
        return new Messages(thread.Id, rows, more ? rows[0].Seq : null);
    }

    private static async Task<List<Row>> Project(AppDb db, IQueryable<Message> messages, AppUser me, ThreadSide? side, DeliveryMarks marks, CancellationToken ct)
    {
        var raw = await messages
            .Select(m => new { m.Seq, Name = db.Users.Where(u => u.Id == m.SenderId).Select(u => u.DisplayName).FirstOrDefault(), m.SentAt, m.Body, m.SenderSide, m.SenderId, m.ClientKey })
            .ToListAsync(ct);
        return raw.Select(m => new Row(m.Seq, m.Name ?? "", m.SentAt, Message.ToHtml(m.Body), m.SenderSide == side,
            m.SenderSide == side ? marks.KeyFor(m.Seq) : null, m.SenderId == me.Id ? m.ClientKey : null)).ToList();
    }

    /// <summary>Records that the person read up to <paramref name="seq"/> and tells every participant (their other tabs, the sender's read mark).</summary>
    public static async Task MarkReadAsync(AppDb db, ThreadAsSeen seen, AppUser me, long seq, LiveNotifier live, CancellationToken ct)
    {
        if (!await ReadState.AdvanceAsync(db, seen.Thread.Id, me.Id, seq, read: true, ct)) return;
        await live.PushAsync(c => c.ThreadRead(seen.Thread.Id), seen.Participants);
    }
}
