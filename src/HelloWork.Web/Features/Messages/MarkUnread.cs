using HelloWork.Web.Http;
using HelloWork.Web.Data;
using HelloWork.Web.Live;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Messages;

/// <summary>BEY-8: anyone can mark a thread unread again; their badge and inbox show it in every tab.</summary>
public static class MarkUnread
{
    public static async Task<IResult> Handle(HttpContext context, long id, AppDb db, LiveNotifier live, CancellationToken ct)
    {
        var me = await CurrentUser.Of(context).ReadAsync(db, ct);
        var thread = await Threads.FindAsync(db, me, id, ct);
        if (thread is null) return Results.NotFound();
        var side = thread.SideOf(me);
        var lastTheirs = await db.Set<Message>().Where(m => m.ThreadId == id && m.SenderSide != side).MaxAsync(m => (long?)m.Seq, ct);
        if (lastTheirs is { } seq)
        {
            (await Threads.ReaderAsync(db, id, me.Id, ct)).MarkUnreadFrom(seq);
            await db.SaveChangesAsync(ct);
            // Only the person's own tabs: the sender keeps the read mark they were shown.
            await live.PushAsync(c => c.ThreadRead(id), me.Id);
        }
        if (context.Request.WantsFragment())
        {
            context.Response.Htmx(h => h.Redirect("/messages"));
            return Results.NoContent();
        }
        return Results.Redirect("/messages");
    }
}
