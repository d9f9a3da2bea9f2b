using HelloWork.Web.Data;
using HelloWork.Web.Domain;
using HelloWork.Web.Rendering;

namespace HelloWork.Web.Features.Jobs;

/// <summary>
/// JOB-1: the employer submits a draft (or a returned job) for the office's staff to accept. It
/// must be complete: every missing field is named, with a link to the step that has it.
/// </summary>
public static class SubmitJob
{
    /// <summary>POST /employer/jobs/{id}/submit.</summary>
    public static async Task<IResult> Handle(HttpContext context, long id, AppDb db, Pages pages, Texts texts, TimeProvider clock, JobPushes pushes, CancellationToken ct)
    {
        var job = await JobAccess.ForEmployerAsync(context, db, id, ct);
        if (job is null) return Results.NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        var posting = job.Posting;
        var missing = JobSteps.Missing(posting)
            .Select(m => new ShowEmployerJob.Missing(texts.Format("jobs.error.missing", JobViews.Label(texts, m.Field)), $"/employer/jobs/{job.Id}/steps/{m.Step.Slug}"))
            .ToList();
        if (missing.Count > 0)
        {
            return pages.Page(context, "jobs/show", ShowEmployerJob.ViewOf(texts, job, missing: missing, error: texts.Get("jobs.error.incomplete")), "jobs.show.title", 422);
        }
        try
        {
            job.Submit(now);
        }
        catch (DomainException refusal)
        {
            return pages.Page(context, "jobs/show", ShowEmployerJob.ViewOf(texts, job, error: texts.Format(refusal.Key, refusal.Args)), "jobs.show.title", 422);
        }
        await db.SaveChangesAsync(ct);
        await pushes.ToEstablishmentAsync(db, job.EstablishmentId, job.Id, ct);
        await pushes.ToOfficeAsync(db, job.OfficeId, job.Id, ct);
        return pages.Page(context, "jobs/show", ShowEmployerJob.ViewOf(texts, job, done: texts.Get("jobs.submitted")), "jobs.show.title");
    }
}
