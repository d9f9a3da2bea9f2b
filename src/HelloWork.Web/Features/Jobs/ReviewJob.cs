using HelloWork.Web.Audit;
using HelloWork.Web.Data;
using HelloWork.Web.Domain;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Offices;
using HelloWork.Web.Http;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Jobs;

/// <summary>
/// Staff review a submitted job of their own office (another office's job is 404): accept it (受理)
/// under a new job number, or return it (差し戻し) with a reason the employer sees. Both are
/// recorded in the audit trail (ACC-11) and pushed to the establishment's logins and the office.
/// </summary>
public static class ReviewJob
{
    public const int ReasonMax = 1000;

    public sealed record ReturnForm
    {
        public string? Reason { get; set; }
    }

    public sealed record View(long Id, string? Number, string Title, string Establishment, string EstablishmentNumber, string Status, string StatusText,
        bool Reviewable, IReadOnlyList<JobRow> Rows, ReturnForm Values, IReadOnlyDictionary<string, string> Errors, string? Done, int ReasonMax,
        DateTime? SubmittedAt, DateTime? ValidUntil);

    private static async Task<View> ViewAsync(AppDb db, Texts texts, Job job, ReturnForm? form, IReadOnlyDictionary<string, string>? errors, string? done, CancellationToken ct)
    {
        var establishment = await db.Set<Establishment>().AsNoTracking().SingleAsync(e => e.Id == job.EstablishmentId, ct);
        return new View(job.Id, job.Number, job.Title.Length == 0 ? texts.Get("jobs.untitled") : job.Title, establishment.Name, establishment.Number,
            job.Status.ToString(), JobViews.StatusText(texts, job.Status), job.Status == JobStatus.Submitted, JobViews.Rows(texts, job.Posting),
            form ?? new ReturnForm(), errors ?? new Dictionary<string, string>(), done, ReasonMax, job.SubmittedAt, job.ValidUntil);
    }

    /// <summary>GET /staff/jobs/{id}.</summary>
    public static async Task<IResult> Show(HttpContext context, long id, AppDb db, Pages pages, Texts texts, CancellationToken ct)
    {
        var (job, _) = await JobAccess.ForStaffAsync(context, db, id, ct);
        if (job is null) return Results.NotFound();
        return pages.Page(context, "staff/jobs/show", await ViewAsync(db, texts, job, null, null, null, ct), "jobs.review.title");
    }

    /// <summary>
    /// POST /staff/jobs/{id}/accept: in one transaction the office's next serial, the acceptance and
    /// its audit entry; after the commit every IJobAccepted hook (a failing one is logged, the
    /// acceptance stands), then the pushes.
    /// </summary>
    public static async Task<IResult> Accept(HttpContext context, long id, AppDb db, Pages pages, Texts texts, TimeProvider clock, JobPushes pushes,
        IEnumerable<IJobAccepted> hooks, ILoggerFactory loggers, CancellationToken ct)
    {
        var (job, staff) = await JobAccess.ForStaffAsync(context, db, id, ct);
        if (job is null) return Results.NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        if (job.Status != JobStatus.Submitted)
        {
            return pages.Page(context, "staff/jobs/show", await ViewAsync(db, texts, job, null,
                new Dictionary<string, string> { [FormGuard.WholeForm] = texts.Get("jobs.error.not-submitted") }, null, ct), "jobs.review.title", 422);
        }
        var office = await db.Set<Office>().AsNoTracking().SingleAsync(o => o.Id == job.OfficeId, ct);
        var establishment = await db.Set<Establishment>().AsNoTracking().SingleAsync(e => e.Id == job.EstablishmentId, ct);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            if (!await ClaimAsync(db, job.Id, now, ct))
            {
                await tx.RollbackAsync(ct);
                return await AlreadyReviewedAsync(context, db, pages, texts, id, ct);
            }
            var serial = await JobSerials.TakeAsync(db, office.Id, ct);
            job.Accept(Job.NumberOf(office.Code, serial), staff.Id, establishment.Name, now);
            db.Audit(staff.Id, "job.accept", null, $"job {job.Id} {job.Number} ({establishment.Number})", now);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        var log = loggers.CreateLogger(typeof(ReviewJob));
        foreach (var hook in hooks)
        {
            try
            {
                await hook.JobAcceptedAsync(job.Id, now, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "{Hook} failed for accepted job {Job}; the acceptance stands", hook.GetType().Name, job.Id);
            }
        }
        await pushes.ToEstablishmentAsync(db, job.EstablishmentId, job.Id, ct);
        await pushes.ToOfficeAsync(db, job.OfficeId, job.Id, ct);
        return pages.Page(context, "staff/jobs/show", await ViewAsync(db, texts, job, null, null, texts.Format("jobs.review.accepted", job.Number), ct), "jobs.review.title");
    }

    /// <summary>POST /staff/jobs/{id}/return: back to the employer with the reason.</summary>
    public static async Task<IResult> Return(HttpContext context, long id, ReturnForm form, AppDb db, Pages pages, Texts texts, TimeProvider clock,
        JobPushes pushes, CancellationToken ct)
    {
        var (job, staff) = await JobAccess.ForStaffAsync(context, db, id, ct);
        if (job is null) return Results.NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(context, texts);
        var reason = errors.Text(nameof(ReturnForm.Reason), form.Reason?.ReplaceLineEndings("\n"), ReasonMax);
        if (!errors.Any)
        {
            try
            {
                job.Return(reason, now);
            }
            catch (DomainException refusal)
            {
                errors.Add(FormGuard.WholeForm, refusal.Key, refusal.Args);
            }
        }
        if (errors.Any)
        {
            return pages.Page(context, "staff/jobs/show", await ViewAsync(db, texts, job, form, errors.Fields, null, ct), "jobs.review.title", 422);
        }
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            if (!await ClaimAsync(db, job.Id, now, ct))
            {
                await tx.RollbackAsync(ct);
                return await AlreadyReviewedAsync(context, db, pages, texts, id, ct);
            }
            db.Audit(staff.Id, "job.return", null, $"job {job.Id}: {reason}", now);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        await pushes.ToEstablishmentAsync(db, job.EstablishmentId, job.Id, ct);
        await pushes.ToOfficeAsync(db, job.OfficeId, job.Id, ct);
        return pages.Page(context, "staff/jobs/show", await ViewAsync(db, texts, job, null, null, texts.Get("jobs.review.returned"), ct), "jobs.review.title");
    }

    /// <summary>
    /// Takes the submitted job for this review inside the caller's transaction: of two staff accepting
    /// (or one accepting while another returns) at the same moment, exactly one changes the row from
    /// Submitted; on PostgreSQL the other's UPDATE waits for the first commit and then matches nothing,
    /// on SQLite writers are serialized. The loser takes no serial and calls no hook.
    /// </summary>
    private static async Task<bool> ClaimAsync(AppDb db, long jobId, DateTime now, CancellationToken ct) =>
        await db.Set<Job>().Where(j => j.Id == jobId && j.Status == JobStatus.Submitted)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.UpdatedAt, now), ct) == 1;

    /// <summary>Someone else reviewed the job a moment ago: show it as it is now, saying so.</summary>
    private static async Task<IResult> AlreadyReviewedAsync(HttpContext context, AppDb db, Pages pages, Texts texts, long id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var (job, _) = await JobAccess.ForStaffAsync(context, db, id, ct);
        if (job is null) return Results.NotFound();
        return pages.Page(context, "staff/jobs/show", await ViewAsync(db, texts, job, null,
            new Dictionary<string, string> { [FormGuard.WholeForm] = texts.Get("jobs.error.not-submitted") }, null, ct), "jobs.review.title", 409);
    }
}
