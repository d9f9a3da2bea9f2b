namespace HelloWork.Web.Features.Jobs;

/// <summary>
/// Told once a job's acceptance (受理) has been saved, so that features which care about new open
/// jobs (saved-search alerts, BEY-11) act on that one job rather than rerun anything. Called after
/// the commit; an implementation that fails must not undo or hide the acceptance.
/// </summary>
public interface IJobAccepted
{
    Task JobAcceptedAsync(long jobId, DateTime now, CancellationToken ct);
}
