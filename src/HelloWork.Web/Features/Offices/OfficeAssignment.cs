using HelloWork.Web.Data;
using HelloWork.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Offices;

/// <summary>
/// Which office an establishment or a seeker belongs to: the office of their prefecture (the one
/// with the lowest code when the prefecture has several: its main office). A prefecture with no
/// office in the data yet falls to the office with the lowest code overall, so that every job
/// still has staff who accept it; staff can move it later. Only a database with no office at all
/// leaves the office unassigned (a job can then not be filed, and says so).
/// </summary>
public static class OfficeAssignment
{
    /// <param name="prefecture">A prefecture's code (13) or its name as people write it (東京都, 東京).</param>
    public static async Task<Office?> ForPrefectureAsync(AppDb db, string? prefecture, CancellationToken ct)
    {
        var code = Prefectures.Find(prefecture)?.Code ?? Prefectures.FindByName(prefecture)?.Code;
        var offices = db.Set<Office>().AsNoTracking();
        return (code is null ? null : await offices.Where(o => o.PrefectureCode == code).OrderBy(o => o.Code).FirstOrDefaultAsync(ct))
            ?? await offices.OrderBy(o => o.Code).FirstOrDefaultAsync(ct);
    }
}
