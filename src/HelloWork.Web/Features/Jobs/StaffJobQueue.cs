using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Http;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Jobs;

/// <summary>
/// The staff member's office's queue of submitted jobs (受理待ち), oldest first: as a page
/// (/staff/jobs) and as the staff home's live box; both refetch on job-queue-changed. Staff see
/// only their own office's jobs.
/// </summary>
public static class StaffJobQueue
{
    public const string Path = "/staff/jobs";
    public const int PageSize = 100;
    public const int BoxSize = 10;

    public sealed record QueueLine(long Id, string Title, string Establishment, DateTime? SubmittedAt, string Href);

    public sealed record View(IReadOnlyList<QueueLine> Jobs, int Count, bool HasOffice, string? OfficeName, string? Done);

    public static async Task<View> LoadAsync(HttpContext context, AppDb db, Texts texts, int take, CancellationToken ct, string? done = null)
    {
        var staff = await CurrentUser.Of(context).ReadAsync(db, ct);
        if (staff.OfficeId is not { } officeId) return new View([], 0, false, null, done);
        var queue = db.Set<Job>().Where(j => j.OfficeId == officeId && j.Status == JobStatus.Submitted);
        var rows = await queue
            .OrderBy(j => j.SubmittedAt).ThenBy(j => j.Id)
            .Take(take)
            .Join(db.Set<Establishment>(), j => j.EstablishmentId, e => e.Id, (j, e) => new { j.Id, j.Title, Establishment = e.Name, j.SubmittedAt })
            .ToListAsync(ct);
        var count = rows.Count < take ? rows.Count : await queue.CountAsync(ct);
        var office = await db.Set<Offices.Office>().Where(o => o.Id == officeId).Select(o => Texts.CurrentLanguage == Texts.Japanese ? o.Name : o.NameEn).SingleAsync(ct);
        return new View(rows.Select(r => new QueueLine(r.Id, r.Title.Length == 0 ? texts.Get("jobs.untitled") : r.Title, r.Establishment, r.SubmittedAt, $"{Path}/{r.Id}")).ToList(),
            count, true, office, done);
    }

    /// <summary>GET /staff/jobs.</summary>
    public static async Task<IResult> Page(HttpContext context, AppDb db, Pages pages, Texts texts, CancellationToken ct) =>
        pages.Page(context, "staff/jobs/index", await LoadAsync(context, db, texts, PageSize, ct), "jobs.queue.title");

    /// <summary>GET /staff/jobs/list: the queue page's list, refetched on its live event.</summary>
    public static async Task<IResult> List(HttpContext context, AppDb db, Pages pages, Texts texts, CancellationToken ct) =>
        pages.Fragment(context, "staff/jobs/_queue", await LoadAsync(context, db, texts, PageSize, ct));

    /// <summary>GET /staff/jobs/box: the staff home's box.</summary>
    public static async Task<IResult> Box(HttpContext context, AppDb db, Pages pages, Texts texts, CancellationToken ct) =>
        pages.Fragment(context, "staff/jobs/_box-items", await LoadAsync(context, db, texts, BoxSize, ct));
}
