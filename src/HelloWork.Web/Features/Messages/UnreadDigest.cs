using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Data;
using HelloWork.Web.Mail;
using HelloWork.Web.TimedRules;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Messages;

/// <summary>
/// BEY-4: people who opted in get at most one mail per <see cref="Period"/> when messages are
/// still unread <see cref="Delay"/> after they arrived. The mail gives counts and a link, never
/// what the messages say (MAIL-1). LastDigestAt is saved with the mail, so a second run sends nothing.
/// </summary>
public sealed class UnreadDigest(MailQueue mail) : ITimedRule
{
    public static readonly TimeSpan Delay = TimeSpan.FromHours(1);
    public static readonly TimeSpan Period = TimeSpan.FromDays(1);

    public string Name => "messages.unread-digest";

    public async Task<int> RunAsync(AppDb db, DateTime now, CancellationToken ct)
    {
        var notBefore = now - Period;
        var candidates = await db.Set<MessagingSettings>()
            .Where(s => s.DigestOptIn && (s.LastDigestAt == null || s.LastDigestAt <= notBefore))
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { Settings = s, User = u })
            .Take(500)
            .ToListAsync(ct);
        var sent = 0;
        var seenBy = now - Delay;
        foreach (var c in candidates)
        {
            var side = ListThreads.SideOfKind(c.User.Kind);
            var me = c.User.Id;
            var perThread = await Threads.Of(db, c.User)
                .Select(t => db.Set<Message>().Count(m => m.ThreadId == t.Id && m.SenderSide != side && m.SentAt <= seenBy &&
                    m.Seq > (db.Set<ThreadReader>().Where(r => r.ThreadId == t.Id && r.UserId == me).Select(r => (long?)r.ReadSeq).FirstOrDefault() ?? 0)))
                .Where(n => n > 0)
                .ToListAsync(ct);
            if (perThread.Count == 0 || c.User.Email is null) continue;
            mail.Enqueue(db, c.User.Email, "messages-unread",
                new { c.User.DisplayName, Messages = perThread.Sum(), Threads = perThread.Count }, now,
                unsubscribePath: "/messages/settings"); // where the digest is turned off
            c.Settings.LastDigestAt = now;
            sent++;
        }
        if (sent > 0)
        {
            await db.SaveChangesAsync(ct);
            mail.Wake();
        }
        return sent;
    }
}
