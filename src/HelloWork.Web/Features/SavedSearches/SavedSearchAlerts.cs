using HelloWork.Web.Data;
using HelloWork.Web.Features.Jobs;
using HelloWork.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.SavedSearches;

/// <summary>
/// BEY-11: one accepted job checked against the saved searches, never a rerun of every search.
/// SQL narrows the candidates by what is stored beside each search (a prefecture row the job's
/// prefecture finds through its key, or no place condition; the schedule; the occupation group),
/// <see cref="JobSearchConditions.Matches"/> decides for those few in memory, one UPDATE raises the
/// counters of the matched ones, then each owner's open pages are told. Three statements whatever
/// the number of saved searches. Scoped: it works on the caller's AppDb (the acceptance request's
/// connection), after the acceptance was saved.
/// </summary>
public sealed class SavedSearchAlerts(AppDb db, LiveNotifier live, ILogger<SavedSearchAlerts> logger) : IJobAccepted
{
    public sealed record Outcome(int Candidates, IReadOnlyList<long> Matched);

    public async Task JobAcceptedAsync(long jobId, DateTime now, CancellationToken ct)
    {
        try
        {
            await CheckAsync(jobId, now, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The acceptance is saved and stays; only the counters missed this job.
            logger.LogError(e, "Saved-search check for job {JobId} failed", jobId);
        }
    }

    public async Task<Outcome> CheckAsync(long jobId, DateTime now, CancellationToken ct)
    {
        var job = await db.Set<Job>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null || !job.IsPublicAt(now) || job.AcceptedAt is not { } acceptedAt) return new(0, []);

        var prefecture = job.PrefectureCode;
        var group = job.OccupationCode is { Length: >= 2 } occupation ? occupation[..2] : null;
        var inPrefecture = db.Set<SavedSearchPrefecture>().Where(p => p.PrefectureCode == prefecture).Select(p => p.SavedSearchId);
        var candidates = await db.Set<SavedSearch>()
            .Where(s => s.AnyPlace || (prefecture != null && inPrefecture.Contains(s.Id)))
            .Where(s => s.Schedule == null || s.Schedule == job.Schedule)
            .Where(s => s.OccupationGroup == null || s.OccupationGroup == group)
            .Select(s => new { s.Id, s.SeekerId, s.Query, Since = s.LastRunAt ?? s.CreatedAt })
            .ToListAsync(ct);

        var matched = candidates.Where(c => c.Since < acceptedAt && JobSearchConditions.Parse(SavedSearch.QueryOf(c.Query)).Conditions.Matches(job, now)).ToList();
        if (matched.Count == 0) return new(candidates.Count, []);

        var ids = matched.Select(m => m.Id).ToList();
        // Only searches last run before the job's acceptance count it as new (checked again here: a rerun may have come between).
        await db.Set<SavedSearch>()
            .Where(s => ids.Contains(s.Id) && (s.LastRunAt ?? s.CreatedAt) < acceptedAt)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.NewMatches, s => s.NewMatches + 1), ct);

        // The push carries one id; each owner's box refetches all of its searches, so one push per owner.
        var pushes = matched.GroupBy(m => m.SeekerId).Select(g => live.PushAsync(c => c.SavedSearchMatched(g.First().Id), g.Key));
        await Task.WhenAll(pushes);
        return new(candidates.Count, ids);
    }
}
