using HelloWork.Web.Data;
using HelloWork.Web.Domain;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Offices;
using HelloWork.Web.Http;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Jobs;

/// <summary>
/// One step of a job's form (JOB-1), read and saved on its own: a draft may be saved at any step
/// and stays incomplete until it is submitted. Only a draft or a returned job can be edited. What
/// is given must be valid (a known occupation, a city of the chosen prefecture, a wage minimum not
/// above the maximum, JOB-2), and the occupation × workplace × employment type must be the
/// establishment's only job of that combination; a refusal keeps what was typed.
/// </summary>
public static class EditJobStep
{
    public sealed record View(long? JobId, string Slug, string Title, int Number, int Count, IReadOnlyList<StepLink> Steps, JobForm Values,
        IReadOnlyDictionary<string, string> Errors, string Action, bool IsLast, string? ReturnReason,
        IReadOnlyList<ChoiceGroup> Occupations, IReadOnlyList<Choice> Prefectures, IReadOnlyList<Choice> Cities,
        IReadOnlyList<Choice> Schedules, IReadOnlyList<Choice> EmploymentTypes, IReadOnlyList<Choice> WageUnits, object Max, string? Deadline);

    private static readonly object Limits = new
    {
        Title = JobSteps.TitleMax, Description = JobSteps.DescriptionMax, Address = JobSteps.AddressMax, HoursNote = JobSteps.HoursNoteMax,
        DaysOff = JobSteps.DaysOffMax, Requirement = JobSteps.RequirementMax, SelectionNote = JobSteps.SelectionNoteMax,
    };

    public static View ViewOf(Texts texts, Job? job, JobStep step, JobForm values, IReadOnlyDictionary<string, string>? errors) =>
        new(job?.Id, step.Slug, texts.Get(step.TitleKey), step.Number, JobSteps.All.Count, JobViews.StepLinks(texts, job?.Id, step), values,
            errors ?? new Dictionary<string, string>(), job is null ? "/employer/jobs" : $"/employer/jobs/{job.Id}/steps/{step.Slug}",
            JobSteps.After(step) is null, job?.Status == JobStatus.Returned ? job.ReturnReason : null,
            JobViews.Occupations(values.OccupationCode), JobViews.Prefectures(values.PrefectureCode), JobViews.Cities(Prefectures.Find(values.PrefectureCode)?.Code, values.CityCode),
            JobViews.Enum(texts, values.Schedule), JobViews.Enum(texts, values.EmploymentType), JobViews.Enum(texts, values.WageUnit), Limits,
            values.ReferralDeadline?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    public static IResult Render(HttpContext context, Pages pages, View view, int status = 200) =>
        pages.Page(context, "jobs/step", view, "jobs.edit.title", status);

    /// <summary>GET /employer/jobs/{id}/steps/{step}.</summary>
    public static async Task<IResult> Show(HttpContext context, JobStep step, long id, AppDb db, Pages pages, Texts texts, CancellationToken ct)
    {
        var job = await JobAccess.ForEmployerAsync(context, db, id, ct);
        if (job is null) return Results.NotFound();
        if (!job.IsEditable) return Results.Redirect($"/employer/jobs/{id}");
        return Render(context, pages, ViewOf(texts, job, step, JobSteps.FormOf(job.Posting), null));
    }

    /// <summary>POST /employer/jobs/{id}/steps/{step}: saves this step's fields; "next" goes on to the next step, "draft" to the job.</summary>
    public static async Task<IResult> Handle(HttpContext context, JobStep step, long id, JobForm form, AppDb db, Pages pages, Texts texts,
        TimeProvider clock, JobPushes pushes, CancellationToken ct)
    {
        var job = await JobAccess.ForEmployerAsync(context, db, id, ct);
        if (job is null) return Results.NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(context, texts);
        var posting = Check(step, form, job.Posting, errors, now);
        if (!errors.Any && !job.IsEditable) errors.Add(FormGuard.WholeForm, "jobs.error.not-editable");
        if (!errors.Any) await SaveAsync(db, job, null, posting, errors, now, ct);
        if (errors.Any)
        {
            return Render(context, pages, ViewOf(texts, job, step, form, Shown(step, errors)), 422);
        }
        await pushes.ToEstablishmentAsync(db, job.EstablishmentId, job.Id, ct);
        return OpenMyPage.Redirect(context, Next(job.Id, step, form));
    }

    /// <summary>This step's fields written into the posting, with every reason it cannot be saved as it is.</summary>
    public static JobPosting Check(JobStep step, JobForm form, JobPosting posting, FormErrors errors, DateTime now)
    {
        var applied = JobSteps.Write(step, form, posting, errors, JapanTime.Today(now));
        if (!errors.Any && JobSteps.SelfApplicationRefusal(applied) is { } refusal)
        {
            errors.Add(step == JobSteps.Apply ? nameof(JobForm.SelfApplication) : FormGuard.WholeForm, refusal);
        }
        return applied;
    }

    /// <summary>Only the reasons about this step's fields (and the whole form) are shown on it.</summary>
    public static IReadOnlyDictionary<string, string> Shown(JobStep step, FormErrors errors)
    {
        var shown = errors.Fields.Where(e => e.Key == FormGuard.WholeForm || step.Fields.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value);
        // A refusal about another step's field (sent along, malformed) is still said, never dropped silently.
        var others = errors.Fields.Where(e => !shown.ContainsKey(e.Key)).Select(e => e.Value).ToList();
        if (others.Count > 0) shown[FormGuard.WholeForm] = string.Join(" ", [.. shown.TryGetValue(FormGuard.WholeForm, out var w) ? [w] : Array.Empty<string>(), .. others]);
        return shown;
    }

    public static string Next(long jobId, JobStep step, JobForm form) =>
        form.Go == "next" && JobSteps.After(step) is { } next ? $"/employer/jobs/{jobId}/steps/{next.Slug}" : $"/employer/jobs/{jobId}?saved=1";

    /// <summary>
    /// Saves the posting into the job (or a new draft of the establishment when <paramref name="job"/> is null),
    /// refusing a second job of the same occupation × workplace × employment type (checked here, and by the
    /// database's unique index when two saves race). Gives the job, or null with the reason in <paramref name="errors"/>.
    /// </summary>
    public static async Task<Job?> SaveAsync(AppDb db, Job? job, Establishment? establishment, JobPosting posting, FormErrors errors, DateTime now, CancellationToken ct)
    {
        var establishmentId = job?.EstablishmentId ?? establishment!.Id;
        if (Job.CombinationOf(posting) is { } key)
        {
            var jobId = job?.Id ?? 0;
            if (await db.Set<Job>().AnyAsync(j => j.EstablishmentId == establishmentId && j.CombinationKey == key && j.Id != jobId
                    && Job.HoldingCombination.Contains(j.Status), ct))
            {
                errors.Add(FormGuard.WholeForm, "jobs.error.combination-taken");
                return null;
            }
        }
        try
        {
            if (job is null)
            {
                var office = establishment!.OfficeId;
                if (office is null)
                {
                    // An establishment made before offices existed: it gets the office of its area now.
                    office = (await OfficeAssignment.ForPrefectureAsync(db, establishment.Prefecture, ct))?.Id;
                    if (office is null)
                    {
                        errors.Add(FormGuard.WholeForm, "jobs.error.no-office");
                        return null;
                    }
                    establishment.AssignOffice(office.Value);
                }
                job = Job.Start(establishment, office.Value, posting, now);
                db.Add(job);
            }
            else
            {
                job.Edit(posting, now);
            }
        }
        catch (DomainException refusal)
        {
            errors.Add(FormGuard.WholeForm, refusal.Key, refusal.Args);
            return null;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (Job.CombinationOf(posting) is not null)
        {
            // Another login of the establishment saved the same combination a moment before: the unique index said no.
            db.ChangeTracker.Clear();
            errors.Add(FormGuard.WholeForm, "jobs.error.combination-taken");
            return null;
        }
        return job;
    }
}
