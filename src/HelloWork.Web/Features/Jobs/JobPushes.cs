using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Jobs;

/// <summary>
/// After a job's change is saved: JobChanged to every login of its establishment (ACC-10: what one
/// login does the others see), JobQueueChanged to the staff of its office. One query per group of
/// recipients, one push per group.
/// </summary>
public sealed class JobPushes(LiveNotifier live)
{
    public async Task ToEstablishmentAsync(AppDb db, Guid establishmentId, long jobId, CancellationToken ct)
    {
        var logins = await db.Users.Where(u => u.EstablishmentId == establishmentId && u.Kind == UserKind.Employer).Select(u => u.Id).ToListAsync(ct);
        if (logins.Count > 0) await live.PushAsync(c => c.JobChanged(jobId), logins);
    }

    public async Task ToOfficeAsync(AppDb db, int officeId, long jobId, CancellationToken ct)
    {
        var staff = await db.Users.Where(u => u.OfficeId == officeId && u.Kind == UserKind.Staff).Select(u => u.Id).ToListAsync(ct);
        if (staff.Count > 0) await live.PushAsync(c => c.JobQueueChanged(jobId), staff);
    }
}
