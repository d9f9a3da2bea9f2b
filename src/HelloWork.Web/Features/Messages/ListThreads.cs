using HelloWork.Web.Http;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Data;
using HelloWork.Web.Live;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Messages;

/// <summary>The inbox (threads newest first with unread counts, BEY-8) and the header badge (MSG-3).</summary>
public static class ListThreads
{
    public const int Limit = 100;

    public sealed record Row(long Id, string Title, ThreadSubject Subject, DateTime LastMessageAt, int Unread, string With);

    public sealed record View(IReadOnlyList<Row> Rows);

    public static ThreadSide SideOfKind(UserKind kind) => kind switch
    {
        UserKind.Seeker => ThreadSide.Seeker,
        UserKind.Employer => ThreadSide.Employer,
        _ => ThreadSide.Staff,
    };

    public static async Task<View> LoadAsync(AppDb db, AppUser user, CancellationToken ct)
    {
        var side = SideOfKind(user.Kind);
        var me = user.Id;
        var rows = await Threads.Of(db, user)
            .OrderByDescending(t => t.LastMessageAt).ThenByDescending(t => t.Id)
            .Take(Limit)
            .Select(t => new Row(t.Id, t.Title, t.Subject, t.LastMessageAt,
                db.Set<Message>().Count(m => m.ThreadId == t.Id && m.SenderSide != side &&
                    m.Seq > (db.Set<ThreadReader>().Where(r => r.ThreadId == t.Id && r.UserId == me).Select(r => (long?)r.ReadSeq).FirstOrDefault() ?? 0)),
                side == ThreadSide.Seeker
                    ? (t.EstablishmentId != null
                        ? db.Set<Accounts.Establishment>().Where(e => e.Id == t.EstablishmentId).Select(e => e.Name).FirstOrDefault()!
                        : db.Users.Where(u => u.Id == t.StaffId).Select(u => u.DisplayName).FirstOrDefault()!)
                    : db.Users.Where(u => u.Id == t.SeekerId).Select(u => u.DisplayName).FirstOrDefault()!))
            .ToListAsync(ct);
        return new View(rows);
    }

    /// <summary>Messages from the other side after what <paramref name="user"/> read, in <paramref name="threads"/> (all theirs by default).</summary>
    public static async Task<int> UnreadAsync(AppDb db, AppUser user, CancellationToken ct, IQueryable<MessageThread>? threads = null)
    {
        var side = SideOfKind(user.Kind);
        var me = user.Id;
        return await (threads ?? Threads.Of(db, user)).SumAsync(t => db.Set<Message>().Count(m => m.ThreadId == t.Id && m.SenderSide != side &&
            m.Seq > (db.Set<ThreadReader>().Where(r => r.ThreadId == t.Id && r.UserId == me).Select(r => (long?)r.ReadSeq).FirstOrDefault() ?? 0)), ct);
    }

    public static async Task<IResult> Page(HttpContext context, AppDb db, Pages pages, LiveNotifier live, CancellationToken ct)
    {
        var me = await CurrentUser.Of(context).ReadAsync(db, ct);
        await MarkDelivered.AllAsync(db, me, live, ct);
        return pages.Page(context, "messages/index", await LoadAsync(db, me, ct), "messages.title");
    }

    public static async Task<IResult> List(HttpContext context, AppDb db, Pages pages, LiveNotifier live, CancellationToken ct)
    {
        var me = await CurrentUser.Of(context).ReadAsync(db, ct);
        await MarkDelivered.AllAsync(db, me, live, ct);
        return pages.Fragment(context, "messages/_list", await LoadAsync(db, me, ct));
    }

    /// <summary>The header badge: every unread message of the person, or (BEY-8) those of one subject, e.g. one application.</summary>
    public static async Task<IResult> Badge(HttpContext context, AppDb db, Pages pages, LiveNotifier live, ThreadSubject? subject, string? subjectId, CancellationToken ct)
    {
        var me = await CurrentUser.Of(context).ReadAsync(db, ct);
        int unread;
        if (subject is not null && subjectId is not null)
        {
            unread = await UnreadAsync(db, me, ct, Threads.Of(db, me).Where(t => t.Subject == subject && t.SubjectId == subjectId));
        }
        else
        {
            await MarkDelivered.AllAsync(db, me, live, ct);
            unread = await UnreadAsync(db, me, ct);
        }
        return pages.Fragment(context, "messages/_badge", new { Unread = unread });
    }
}
