using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Live;
using HelloWork.Web.TimedRules;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Jobs;

/// <summary>
/// JOB-1: an open job past its validity (翌々月末) becomes invalid (無効). In batches of
/// <see cref="BatchSize"/> through the (Status, ValidUntil) index, each batch one save; the logins
/// of the establishments concerned are found with one query per batch and told (JobChanged).
/// </summary>
public sealed class JobExpiry(LiveNotifier live) : ITimedRule
{
    public const int BatchSize = 500;

    public string Name => "jobs.expire";

    public async Task<int> RunAsync(AppDb db, DateTime now, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var due = await db.Set<Job>()
                .Where(j => j.Status == JobStatus.Open && j.ValidUntil < now)
                .OrderBy(j => j.ValidUntil).ThenBy(j => j.Id)
                .Take(BatchSize)
                .ToListAsync(ct);
            if (due.Count == 0) return total;
            foreach (var job in due) job.Expire(now);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            total += due.Count;

            var lastJobOf = due.GroupBy(j => j.EstablishmentId).ToDictionary(g => g.Key, g => g.Max(j => j.Id));
            var establishments = lastJobOf.Keys.Select(k => (Guid?)k).ToList();
            var logins = await db.Users
                .Where(u => u.Kind == UserKind.Employer && establishments.Contains(u.EstablishmentId))
                .Select(u => new { u.Id, u.EstablishmentId })
                .ToListAsync(ct);
            foreach (var group in logins.GroupBy(l => l.EstablishmentId))
            {
                var jobId = lastJobOf[group.Key!.Value];
                await live.PushAsync(c => c.JobChanged(jobId), group.Select(l => l.Id).ToList());
            }
            if (due.Count < BatchSize) return total;
        }
    }
}
