using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Messages;

/// <summary>Who may see which thread: every query for a person starts here, so nobody reaches a thread that is not theirs.</summary>
public static class Threads
{
    /// <summary>The threads <paramref name="user"/> takes part in (owner first, matching the indexes).</summary>
    public static IQueryable<MessageThread> Of(AppDb db, AppUser user)
    {
        var threads = db.Set<MessageThread>();
        return user.Kind switch
        {
            UserKind.Seeker => threads.Where(t => t.SeekerId == user.Id),
            UserKind.Employer when user.EstablishmentId is { } est => threads.Where(t => t.EstablishmentId == est),
            UserKind.Staff => threads.Where(t => t.StaffId == user.Id),
            _ => threads.Where(_ => false),
        };
    }

    public static Task<MessageThread?> FindAsync(AppDb db, AppUser user, long id, CancellationToken ct) =>
        Of(db, user).SingleOrDefaultAsync(t => t.Id == id, ct);

    /// <summary>Every login on either side of the thread (for live pushes).</summary>
    public static async Task<IReadOnlyList<Guid>> ParticipantIdsAsync(AppDb db, MessageThread thread, CancellationToken ct)
    {
        var ids = new List<Guid> { thread.SeekerId };
        if (thread.StaffId is { } staff) ids.Add(staff);
        if (thread.EstablishmentId is { } est)
        {
            ids.AddRange(await db.Users.Where(u => u.EstablishmentId == est && u.Kind == UserKind.Employer).Select(u => u.Id).ToListAsync(ct));
        }
        return ids;
    }

    public static async Task<ThreadReader> ReaderAsync(AppDb db, long threadId, Guid userId, CancellationToken ct)
    {
        var reader = await db.Set<ThreadReader>().SingleOrDefaultAsync(r => r.ThreadId == threadId && r.UserId == userId, ct);
        if (reader is null)
        {
            reader = ThreadReader.For(threadId, userId);
            db.Set<ThreadReader>().Add(reader);
        }
        return reader;
    }
}
