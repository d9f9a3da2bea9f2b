using HelloWork.Web.Http;
using HelloWork.Web.Domain;
using HelloWork.Web.Data;
using HelloWork.Web.Live;
using HelloWork.Web.Rendering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Messages;

/// <summary>
/// Posting a message (MSG-1). Stored with the next sequence number, then pushed (MSG-4); the
/// client's key makes a retried send land once; a refusal (MSG-6) is shown in the send box with
/// the draft kept.
/// </summary>
public static class SendMessage
{
    public sealed record Form
    {
        public string? Body { get; set; }
        public string? Key { get; set; }
    }

    public sealed record View(long ThreadId, string? Body, string Key, string? Error, int BodyMax)
    {
        /// <summary>Characters left, counted as the rule counts them (negative when over); the page counts live from here.</summary>
        public int Remaining => BodyMax - Message.Normalize(Body).Length;
    }

    public static View Fresh(long threadId) => new(threadId, null, NewKey(), null, Message.BodyMax);

    private static string NewKey() => Guid.NewGuid().ToString("N");

    public static async Task<IResult> Handle(HttpContext context, long id, [FromForm] Form form, AppDb db, Pages pages, Texts texts,
        TimeProvider clock, LiveNotifier live, CancellationToken ct)
    {
        var me = await CurrentUser.Of(context).ReadAsync(db, ct);
        var key = string.IsNullOrWhiteSpace(form.Key) ? NewKey() : form.Key.Trim();
        var unread = new FormErrors(context, texts);
        for (var attempt = 0; ; attempt++)
        {
            // The thread, the person's reader row and whether this key was stored: one statement.
            var seen = await ThreadAsSeen.LoadAsync(db, me, id, ct, forSend: true, key: key);
            if (seen is null) return Results.NotFound();
            var thread = seen.Thread;
            if (unread.Any)
            {
                // SEC-9: what could not be read as sent is said in the send box, the rest of the draft kept.
                return pages.Fragment(context, "messages/_send", new View(id, form.Body, key, unread.Summary, Message.BodyMax), 422);
            }
            if (seen.KeyStored)
            {
                return Sent(context, pages, thread.Id);
            }
            var now = clock.GetUtcNow().UtcDateTime;
            Message message;
            try
            {
                message = thread.Post(me, form.Body ?? "", key, seen.Blocked, now);
            }
            catch (DomainException refused)
            {
                var view = new View(id, form.Body, key, texts.Format(refused.Key, refused.Args), Message.BodyMax);
                return pages.Fragment(context, "messages/_send", view, 422);
            }
            db.Set<Message>().Add(message);
            var reader = seen.MyReader ?? db.Set<ThreadReader>().Add(ThreadReader.For(thread.Id, me.Id)).Entity;
            reader.ReadUpTo(message.Seq);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (attempt < 20)
            {
                // Someone else took this sequence number (or the same send arrived twice at once):
                // start again from what is stored now.
                db.ChangeTracker.Clear();
                me = await CurrentUser.Of(context).ReadAsync(db, ct);
                continue;
            }
            await live.PushAsync(c => c.MessageReceived(thread.Id), seen.Participants);
            return Sent(context, pages, thread.Id);
        }
    }

    private static IResult Sent(HttpContext context, Pages pages, long threadId)
    {
        // The sender's own tab fetches the new message like everyone else's, even with live updates down.
        if (!context.Request.WantsFragment())
        {
            return Results.Redirect($"/messages/{threadId}");
        }
        context.Response.Htmx(h => h.WithTrigger("message-sent"));
        return pages.Fragment(context, "messages/_send", Fresh(threadId));
    }
}
