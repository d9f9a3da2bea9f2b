using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelloWork.Web.Features.Jobs;

public sealed class JobSearchOptions
{
    public const string Section = "Search";
    /// <summary>False makes keywords a plain substring scan: the bench's baseline, never production.</summary>
    public bool UseKeywordIndex { get; set; } = true;
}

/// <summary>One row of results: what the result list shows, public fields only.</summary>
public sealed record JobSearchHit(
    long Id, string Number, string Title, string EmployerName, string? PrefectureCode, string? CityCode,
    string? OccupationCode, JobSchedule? Schedule, EmploymentType? EmploymentType, int? WageMin, int? WageMax,
    WageUnit? WageUnit, bool SelfApplication, DateOnly? ReferralDeadline, DateTime AcceptedAt, DateTime ValidUntil);

/// <summary>A page of results. <see cref="CountCapped"/>: more than <see cref="Count"/> jobs match, and the page says "N件以上".</summary>
public sealed record JobSearchResult(IReadOnlyList<JobSearchHit> Jobs, int Count, bool CountCapped, int Page, int PageSize);

/// <summary>
/// Runs a job search (JOB-3) on either database: exactly the open jobs
/// <see cref="JobSearchConditions.Matches"/> accepts, sorted with the id as the tie-breaker so
/// paging is stable. (Placeholder implementation: a plain scan; the indexed one replaces it.)
/// </summary>
public sealed class JobSearch(IOptions<JobSearchOptions> options)
{
    public const int CountCap = 1000;

    public bool UsesKeywordIndex => options.Value.UseKeywordIndex;

    public async Task<JobSearchResult> RunAsync(AppDb db, JobSearchConditions c, DateTime now, CancellationToken ct)
    {
        var jobs = db.Set<Job>().Where(j => j.Status == JobStatus.Open && j.ValidUntil >= now);
        foreach (var word in c.Words) jobs = jobs.Where(j => j.SearchText.Contains(word));
        if (c.ExcludeWord is { } excluded) jobs = jobs.Where(j => !j.SearchText.Contains(excluded));
        if (c.JobNumbers.Count > 0) jobs = jobs.Where(j => c.JobNumbers.Contains(j.Number!));
        if (c.PrefectureCodes.Count > 0) jobs = jobs.Where(j => c.PrefectureCodes.Contains(j.PrefectureCode!));
        if (c.CityCodes.Count > 0) jobs = jobs.Where(j => c.CityCodes.Contains(j.CityCode!));
        if (c.OccupationCode is { } occupation) jobs = jobs.Where(j => j.OccupationCode!.StartsWith(occupation));
        if (c.Schedule is { } schedule) jobs = jobs.Where(j => j.Schedule == schedule);
        if (c.EmploymentTypes.Count > 0) jobs = jobs.Where(j => c.EmploymentTypes.Contains(j.EmploymentType!.Value));
        if (c.MinWage is { } wage) jobs = jobs.Where(j => j.WageUnit == c.WageUnit && (j.WageMax ?? j.WageMin ?? 0) >= wage);
        if (c.SelfApplicationOnly) jobs = jobs.Where(j => j.SelfApplication);
        if (c.NewOnly)
        {
            var since = now - JobSearchConditions.NewWithin;
            jobs = jobs.Where(j => j.AcceptedAt >= since);
        }

        var count = await jobs.Take(CountCap + 1).CountAsync(ct);
        var rows = jobs.Join(db.Set<Establishment>(), j => j.EstablishmentId, e => e.Id, (j, e) => new { Job = j, EmployerName = e.Name });
        var sorted = c.Sort == JobSort.Deadline
            ? rows.OrderBy(r => r.Job.ReferralDeadline == null).ThenBy(r => r.Job.ReferralDeadline).ThenBy(r => r.Job.Id)
            : rows.OrderByDescending(r => r.Job.AcceptedAt).ThenByDescending(r => r.Job.Id);
        var page = await sorted.Skip((c.Page - 1) * c.PageSize).Take(c.PageSize)
            .Select(r => new JobSearchHit(
                r.Job.Id, r.Job.Number!, r.Job.Title, r.EmployerName, r.Job.PrefectureCode, r.Job.CityCode, r.Job.OccupationCode,
                r.Job.Schedule, r.Job.EmploymentType, r.Job.WageMin, r.Job.WageMax, r.Job.WageUnit, r.Job.SelfApplication,
                r.Job.ReferralDeadline, r.Job.AcceptedAt!.Value, r.Job.ValidUntil!.Value))
            .ToListAsync(ct);
        return new JobSearchResult(page, Math.Min(count, CountCap), count > CountCap, c.Page, c.PageSize);
    }
}
