namespace HelloWork.Web.Features.Messages;

/// <summary>
/// BEY-3: how far the other side's devices got (delivered) and what they read, as seen by one
/// side. Read is 0 unless everybody in the thread allows read receipts (read with the thread, see
/// <see cref="ThreadAsSeen"/>).
/// </summary>
public sealed record DeliveryMarks(long Read, long Delivered)
{
    public string KeyFor(long seq) =>
        seq <= Read ? "messages.state.read" : seq <= Delivered ? "messages.state.delivered" : "messages.state.sent";
}
