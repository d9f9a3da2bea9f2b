using HelloWork.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Messages;

/// <summary>
/// BEY-3: how far the other side's devices got (delivered) and what they read, as seen by one
/// side. Read is 0 unless everybody in the thread allows read receipts.
/// </summary>
public sealed record DeliveryMarks(long Read, long Delivered)
{
    public string KeyFor(long seq) =>
        seq <= Read ? "messages.state.read" : seq <= Delivered ? "messages.state.delivered" : "messages.state.sent";

    public static async Task<DeliveryMarks> ForAsync(AppDb db, MessageThread thread, ThreadSide? side, CancellationToken ct)
    {
        var others = db.Set<ThreadReader>().Where(r => r.ThreadId == thread.Id);
        others = side == ThreadSide.Seeker ? others.Where(r => r.UserId != thread.SeekerId) : others.Where(r => r.UserId == thread.SeekerId);
        var read = await others.MaxAsync(r => (long?)r.ReadSeq, ct) ?? 0;
        var delivered = await others.MaxAsync(r => (long?)r.DeliveredSeq, ct) ?? 0;
        var receipts = await Threads.ReadReceiptsAsync(db, await Threads.ParticipantIdsAsync(db, thread, ct), ct);
        return new DeliveryMarks(receipts ? read : 0, Math.Max(delivered, receipts ? read : 0));
    }
}
