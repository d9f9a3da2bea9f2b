using HelloWork.Web.Data;
using HelloWork.Web.Rendering;

namespace HelloWork.Web.Features.Jobs;

/// <summary>An employer's view of one of the establishment's jobs: status, number, validity, the staff's reason when returned, every field.</summary>
public static class ShowEmployerJob
{
    public sealed record Missing(string Label, string Href);

    public sealed record View(long Id, string? Number, string Title, string Status, string StatusText, DateTime? ValidUntil, DateTime? AcceptedAt,
        string? ReturnReason, bool Editable, bool CanWithdraw, bool Saved, IReadOnlyList<JobRow> Rows, IReadOnlyList<StepLink> Steps,
        IReadOnlyList<Missing> MissingFields, string? Error, string? Done);

    public static View ViewOf(Texts texts, Job job, bool saved = false, IReadOnlyList<Missing>? missing = null, string? error = null, string? done = null) =>
        new(job.Id, job.Number, job.Title.Length == 0 ? texts.Get("jobs.untitled") : job.Title, job.Status.ToString(), JobViews.StatusText(texts, job.Status),
            job.ValidUntil, job.AcceptedAt, job.Status == JobStatus.Returned ? job.ReturnReason : null, job.IsEditable, job.Status == JobStatus.Open,
            saved, JobViews.Rows(texts, job.Posting), JobViews.StepLinks(texts, job.Id, null), missing ?? [], error, done);

    /// <summary>GET /employer/jobs/{id}.</summary>
    public static async Task<IResult> Handle(HttpContext context, long id, AppDb db, Pages pages, Texts texts, string? saved, CancellationToken ct)
    {
        var job = await JobAccess.ForEmployerAsync(context, db, id, ct);
        if (job is null) return Results.NotFound();
        return pages.Page(context, "jobs/show", ViewOf(texts, job, saved == "1"), "jobs.show.title");
    }
}
