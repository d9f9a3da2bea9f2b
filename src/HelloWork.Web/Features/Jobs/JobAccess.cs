using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Http;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Jobs;

/// <summary>
/// ACC-10: an employer's jobs are its establishment's. Every job URL finds the job through the
/// establishment of the signed-in login (from its membership, read now): the same job for every
/// login of the establishment, and nothing (404) for anyone else.
/// </summary>
public static class JobAccess
{
    public static async Task<Job?> ForEmployerAsync(HttpContext context, AppDb db, long id, CancellationToken ct)
    {
        var establishmentId = await CurrentUser.Of(context).EstablishmentIdAsync(db, ct);
        return establishmentId is null ? null : await db.Set<Job>().SingleOrDefaultAsync(j => j.Id == id && j.EstablishmentId == establishmentId, ct);
    }

    public static async Task<Establishment?> EstablishmentAsync(HttpContext context, AppDb db, CancellationToken ct)
    {
        var establishmentId = await CurrentUser.Of(context).EstablishmentIdAsync(db, ct);
        return establishmentId is null ? null : await db.Set<Establishment>().SingleOrDefaultAsync(e => e.Id == establishmentId, ct);
    }

    /// <summary>For staff: a job of the staff member's own office, or nothing (404).</summary>
    public static async Task<(Job? Job, AppUser Staff)> ForStaffAsync(HttpContext context, AppDb db, long id, CancellationToken ct)
    {
        var staff = await CurrentUser.Of(context).LoadAsync(db, ct);
        var job = staff.OfficeId is not { } office ? null : await db.Set<Job>().SingleOrDefaultAsync(j => j.Id == id && j.OfficeId == office, ct);
        return (job, staff);
    }
}
