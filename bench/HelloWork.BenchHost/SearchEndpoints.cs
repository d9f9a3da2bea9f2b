using System.Diagnostics;
using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelloWork.BenchHost;

/// <summary>
/// Bench-only endpoints for the search bench (bench/run.sh --only search): one job search as the app
/// runs it (JobSearch on the request's AppDb), with the keyword index or, for the baseline, a plain
/// substring scan (JobSearchOptions.UseKeywordIndex = false); and the job detail page's query.
/// </summary>
public static class SearchEndpoints
{
    private static readonly JobSearch Indexed = new(Options.Create(new JobSearchOptions { UseKeywordIndex = true }));
    private static readonly JobSearch Scanned = new(Options.Create(new JobSearchOptions { UseKeywordIndex = false }));

    public static void MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        // GET /bench/search?index=1&kw=介護&pref=13…: the search's own conditions, plus index=0|1.
        app.MapGet("/bench/search", async (HttpRequest request, AppDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var (conditions, errors) = JobSearchConditions.Parse(request.Query);
            if (errors.Count > 0) return Results.BadRequest(errors);
            var search = request.Query["index"] == "0" ? Scanned : Indexed;
            var started = Stopwatch.GetTimestamp();
            var result = await search.RunAsync(db, conditions, clock.GetUtcNow().UtcDateTime, ct);
            return Results.Json(new
            {
                result.Count, result.CountCapped, Hits = result.Jobs.Count, First = result.Jobs.FirstOrDefault()?.Number,
                Ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            });
        });

        // GET /bench/job/13010-00000042: what a job's page reads, public fields only, by its number.
        app.MapGet("/bench/job/{number}", async (string number, AppDb db, CancellationToken ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            var job = await db.Set<Job>().AsNoTracking().Where(j => j.Number == number)
                .Join(db.Set<Establishment>(), j => j.EstablishmentId, e => e.Id, (j, e) => new
                {
                    j.Number, j.Status, j.Title, j.Document, j.AcceptedAt, j.ValidUntil, EmployerName = e.Name,
                })
                .SingleOrDefaultAsync(ct);
            return job is null ? Results.NotFound() : Results.Json(new { job.Number, job.Title, Ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds });
        });
    }
}
