using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Messages;

/// <summary>A deleted seeker's conversations go with them: their threads, and every message in them.</summary>
public sealed class MessagingDataEraser : IPersonalDataEraser
{
    public async Task EraseAsync(AppDb db, IReadOnlyCollection<Guid> userIds, CancellationToken ct)
    {
        var threads = db.Set<MessageThread>().Where(t => userIds.Contains(t.SeekerId)).Select(t => t.Id);
        await db.Set<Message>().Where(m => threads.Contains(m.ThreadId) || userIds.Contains(m.SenderId)).ExecuteDeleteAsync(ct);
        await db.Set<MessageThread>().Where(t => userIds.Contains(t.SeekerId)).ExecuteDeleteAsync(ct);
    }
}
