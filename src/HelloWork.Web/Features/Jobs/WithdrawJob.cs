using HelloWork.Web.Data;
using HelloWork.Web.Domain;
using HelloWork.Web.Rendering;

namespace HelloWork.Web.Features.Jobs;

/// <summary>The employer withdraws an open job (取下げ), after confirming; it leaves the search at once.</summary>
public static class WithdrawJob
{
    /// <summary>GET /employer/jobs/{id}/withdraw: the confirmation.</summary>
    public static async Task<IResult> Show(HttpContext context, long id, AppDb db, Pages pages, Texts texts, CancellationToken ct)
    {
        var job = await JobAccess.ForEmployerAsync(context, db, id, ct);
        if (job is null) return Results.NotFound();
        if (job.Status != JobStatus.Open) return Results.Redirect($"/employer/jobs/{id}");
        return pages.Page(context, "jobs/withdraw", ShowEmployerJob.ViewOf(texts, job), "jobs.withdraw.title");
    }

    /// <summary>POST /employer/jobs/{id}/withdraw.</summary>
    public static async Task<IResult> Handle(HttpContext context, long id, AppDb db, Pages pages, Texts texts, TimeProvider clock, JobPushes pushes, CancellationToken ct)
    {
        var job = await JobAccess.ForEmployerAsync(context, db, id, ct);
        if (job is null) return Results.NotFound();
        try
        {
            job.Withdraw(clock.GetUtcNow().UtcDateTime);
        }
        catch (DomainException refusal)
        {
            return pages.Page(context, "jobs/show", ShowEmployerJob.ViewOf(texts, job, error: texts.Format(refusal.Key, refusal.Args)), "jobs.show.title", 422);
        }
        await db.SaveChangesAsync(ct);
        await pushes.ToEstablishmentAsync(db, job.EstablishmentId, job.Id, ct);
        return pages.Page(context, "jobs/show", ShowEmployerJob.ViewOf(texts, job, done: texts.Get("jobs.withdrawn")), "jobs.show.title");
    }
}
