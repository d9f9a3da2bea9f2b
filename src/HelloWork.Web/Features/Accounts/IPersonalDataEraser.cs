using HelloWork.Web.Data;

namespace HelloWork.Web.Features.Accounts;

/// <summary>
/// A feature that keeps a person's data removes it here before their account is deleted (ACC-8:
/// "with all personal data and documents"). Each feature knows its own rows; the deletion rule
/// calls every eraser in the same transaction as the account's removal.
/// </summary>
public interface IPersonalDataEraser
{
    Task EraseAsync(AppDb db, IReadOnlyCollection<Guid> userIds, CancellationToken ct);
}
