using HelloWork.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Messages;

/// <summary>
/// The one way to get the thread of a subject (an application, a direct request, a staff
/// conversation): returns the existing one, or creates and saves it. Applications and direct
/// requests call this; until they exist, the demo data and tests do.
/// </summary>
public static class OpenThread
{
    public sealed record Parties(Guid SeekerId, Guid? EstablishmentId = null, Guid? StaffId = null);

    public static async Task<MessageThread> ForAsync(AppDb db, ThreadSubject subject, string subjectId, string title,
        Parties parties, DateTime now, CancellationToken ct = default, DateTime? opensAt = null)
    {
        var existing = await db.Set<MessageThread>().SingleOrDefaultAsync(t => t.Subject == subject && t.SubjectId == subjectId, ct);
        if (existing is not null)
        {
            return existing;
        }
        var thread = MessageThread.Open(subject, subjectId, title, parties.SeekerId, parties.EstablishmentId, parties.StaffId, now, opensAt);
        db.Set<MessageThread>().Add(thread);
        try
        {
            await db.SaveChangesAsync(ct);
            return thread;
        }
        catch (DbUpdateException)
        {
            // Opened at the same moment elsewhere: the unique (Subject, SubjectId) index kept one.
            db.Entry(thread).State = EntityState.Detached;
            return await db.Set<MessageThread>().SingleAsync(t => t.Subject == subject && t.SubjectId == subjectId, ct);
        }
    }
}
