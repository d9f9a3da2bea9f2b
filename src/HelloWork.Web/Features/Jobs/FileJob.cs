using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Http;
using HelloWork.Web.Rendering;

namespace HelloWork.Web.Features.Jobs;

/// <summary>
/// JOB-1: an employer starts a job (求人票) with its first step; it is a draft of the establishment
/// (ACC-10: every login of the establishment sees and edits it) until it is submitted.
/// </summary>
public static class FileJob
{
    /// <summary>GET /employer/jobs/new: the first step, empty.</summary>
    public static async Task<IResult> Show(HttpContext context, AppDb db, Pages pages, Texts texts, CancellationToken ct)
    {
        if (await JobAccess.EstablishmentAsync(context, db, ct) is null) return Results.Redirect(EstablishmentMembership.Path);
        return EditJobStep.Render(context, pages, EditJobStep.ViewOf(texts, null, JobSteps.Work, new JobForm(), null));
    }

    /// <summary>POST /employer/jobs: saves the first step as a new draft.</summary>
    public static async Task<IResult> Handle(HttpContext context, JobForm form, AppDb db, Pages pages, Texts texts, TimeProvider clock,
        JobPushes pushes, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(context, texts);
        var posting = EditJobStep.Check(JobSteps.Work, form, new JobPosting(), errors, now);
        var establishment = await JobAccess.EstablishmentAsync(context, db, ct);
        if (establishment is null) errors.Add(FormGuard.WholeForm, "jobs.error.no-establishment");
        var job = errors.Any ? null : await EditJobStep.SaveAsync(db, null, establishment, posting, errors, now, ct);
        if (job is null)
        {
            return EditJobStep.Render(context, pages, EditJobStep.ViewOf(texts, null, JobSteps.Work, form, EditJobStep.Shown(JobSteps.Work, errors)), 422);
        }
        await pushes.ToEstablishmentAsync(db, job.EstablishmentId, job.Id, ct);
        return OpenMyPage.Redirect(context, EditJobStep.Next(job.Id, JobSteps.Work, form));
    }

    /// <summary>GET /employer/jobs/cities?PrefectureCode=13: the city select for the chosen prefecture (htmx swaps it in).</summary>
    public static IResult Cities(HttpContext context, Pages pages, Texts texts, string? prefectureCode, string? cityCode) =>
        pages.Fragment(context, "jobs/_city-select", new
        {
            Cities = JobViews.Cities(Domain.Prefectures.Find(prefectureCode)?.Code, cityCode),
            Error = (string?)null,
        });
}
