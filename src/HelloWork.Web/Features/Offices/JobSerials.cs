using HelloWork.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Offices;

/// <summary>
/// The serial half of a job number (JOB-1). One UPDATE … RETURNING raises the office's counter
/// inside the database, so two staff accepting at the same moment on two instances never get the
/// same serial; a serial taken by an acceptance that then fails is a gap, never a repeat.
/// Both SQLite (3.35+) and PostgreSQL understand it as written.
/// </summary>
public static class JobSerials
{
    public static async Task<long> TakeAsync(AppDb db, int officeId, CancellationToken ct)
    {
        var serials = await db.Database
            .SqlQuery<long>($"""UPDATE "Offices" SET "LastJobSerial" = "LastJobSerial" + 1 WHERE "Id" = {officeId} RETURNING "LastJobSerial" AS "Value" """)
            .ToListAsync(ct);
        return serials.Count == 1 ? serials[0] : throw new InvalidOperationException($"No office {officeId}.");
    }
}
