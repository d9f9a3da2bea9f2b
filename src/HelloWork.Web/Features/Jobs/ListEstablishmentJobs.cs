using HelloWork.Web.Data;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Jobs;

/// <summary>
/// The establishment's jobs (ACC-10: the same for every login of it), newest first, with status
/// and validity: as a page, and as the employer home's live box (refetched on job-changed).
/// </summary>
public static class ListEstablishmentJobs
{
    public const int BoxSize = 20;
    public const int PageSize = 200;

    public sealed record View(IReadOnlyList<JobLine> Jobs, bool HasEstablishment, bool More);

    public static async Task<View> LoadAsync(HttpContext context, AppDb db, Texts texts, int take, CancellationToken ct)
    {
        var establishmentId = await Http.CurrentUser.Of(context).EstablishmentIdAsync(db, ct);
        if (establishmentId is null) return new View([], false, false);
        var rows = await db.Set<Job>()
            .Where(j => j.EstablishmentId == establishmentId)
            .OrderByDescending(j => j.Id)
            .Take(take + 1)
            .Select(j => new { j.Id, j.Number, j.Title, j.Status, j.ValidUntil })
            .ToListAsync(ct);
        return new View(rows.Take(take).Select(j => JobViews.Line(texts, j.Id, j.Number, j.Title, j.Status, j.ValidUntil, "/employer/jobs")).ToList(),
            true, rows.Count > take);
    }

    /// <summary>GET /employer/jobs.</summary>
    public static async Task<IResult> Page(HttpContext context, AppDb db, Pages pages, Texts texts, CancellationToken ct) =>
        pages.Page(context, "jobs/index", await LoadAsync(context, db, texts, PageSize, ct), "jobs.list.title");

    /// <summary>GET /employer/jobs/box: the home's box, refetched on its live event.</summary>
    public static async Task<IResult> Box(HttpContext context, AppDb db, Pages pages, Texts texts, CancellationToken ct) =>
        pages.Fragment(context, "jobs/_box-items", await LoadAsync(context, db, texts, BoxSize, ct));
}
