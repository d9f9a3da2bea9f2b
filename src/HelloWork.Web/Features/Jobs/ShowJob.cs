using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Jobs;

/// <summary>
/// A job's public page (JOB-1, JOB-3): every public field of the posting, the employer's name and
/// place, nothing internal (who accepted it, a return reason, the office's own data). A job that
/// was open once and is closed now (withdrawn, invalid, or past its validity before the timed rule
/// ran) says so under its number and title, with 200, so a saved favorite explains itself; a job
/// never published, an unknown number and a malformed one are 404. One statement.
/// </summary>
public static class ShowJob
{
    public static string PathOf(string number) => $"{SearchJobs.Path}/{number}";

    public sealed record Item(string Key, string Label, string Value);

    public sealed record View(
        long Id, string Number, string Title, bool Closed, string ClosedText, string EmployerName, string EmployerPlace,
        IReadOnlyList<Item> Items, bool SelfApplication, string BackUrl, string BackText, bool ShowFavorites, SavedSearches.FavoriteSlots? Favorites = null);

    private sealed record Found(long Id, string Number, JobStatus Status, DateTime? AcceptedAt, DateTime? ValidUntil, string Title, string Document,
        string EmployerName, string EmployerPrefecture, string EmployerCity);

    public static async Task<IResult> Handle(HttpContext context, string number, AppDb db, Pages pages, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        if (!Job.IsNumber(number)) return Results.NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await db.Set<Job>()
            .Where(j => j.Number == number && (j.Status == JobStatus.Open || j.Status == JobStatus.Withdrawn || j.Status == JobStatus.Invalid))
            .Join(db.Set<Establishment>(), j => j.EstablishmentId, e => e.Id, (j, e) =>
                new Found(j.Id, j.Number!, j.Status, j.AcceptedAt, j.ValidUntil, j.Title, j.Document, e.Name, e.Prefecture, e.City))
            .SingleOrDefaultAsync(ct);
        if (found is null) return Results.NotFound();

        var conditions = SearchForm.Parse(context.Request.Query).Conditions;
        var query = context.Request.Query.Count > 0 ? conditions.ToQueryString() : "";
        var backUrl = query.Length > 0 ? $"{SearchJobs.Path}?{query}" : SearchJobs.Path;
        var backText = texts.Get(query.Length > 0 ? "search.job.back-to-results" : "search.job.to-search");
        var seeker = context.User.Identity?.IsAuthenticated == true && context.User.Role() == Roles.Seeker;

        var favorites = seeker ? await SavedSearches.FavoriteSlots.LoadAsync(context, db, [found.Id], ct) : null;
        var closed = !(found.Status == JobStatus.Open && found.ValidUntil >= now);
        if (closed)
        {
            var reason = texts.Get(found.Status == JobStatus.Withdrawn ? "search.job.withdrawn" : "search.job.invalid");
            var view = new View(found.Id, found.Number, found.Title, true, reason, "", "", [], false, backUrl, backText, seeker, favorites);
            return pages.Page(context, "search/closed", view, "search.job.closed-title");
        }

        var posting = System.Text.Json.JsonSerializer.Deserialize<JobPosting>(found.Document) ?? new JobPosting();
        var open = new View(found.Id, found.Number, found.Title, false, "", found.EmployerName,
            $"{found.EmployerPrefecture} {found.EmployerCity}".Trim(), Items(texts, posting, found), posting.SelfApplication, backUrl, backText, seeker, favorites);
        return pages.Page(context, "search/job", open, "search.job.title");
    }

    /// <summary>The posting's public fields in the order of the 求人票; empty ones are left out.</summary>
    private static List<Item> Items(Texts texts, JobPosting p, Found job)
    {
        var hours = p.HoursFrom is null && p.HoursTo is null ? "" : $"{p.HoursFrom}〜{p.HoursTo}";
        if (!string.IsNullOrWhiteSpace(p.HoursNote)) hours = hours.Length > 0 ? $"{hours}\n{p.HoursNote}" : p.HoursNote!;
        var place = JobDisplay.Place(p.PrefectureCode, p.CityCode);
        var workplace = p.WorkplaceNamed
            ? string.Join(' ', new[] { place, p.Address ?? "" }.Where(s => s.Length > 0))
            : string.Join('\n', new[] { place, texts.Get("search.job.workplace-varies") }.Where(s => s.Length > 0));
        var occupation = JobDisplay.Occupation(p.OccupationCode);
        if (occupation.Length > 0 && JobDisplay.OccupationGroup(p.OccupationCode) is { Length: > 0 } group && group != occupation)
        {
            occupation = $"{occupation}（{group}）";
        }
        (string Key, string Value)[] items =
        [
            ("Occupation", occupation),
            ("Description", p.Description ?? ""),
            ("Workplace", workplace),
            ("Schedule", JobDisplay.Schedule(texts, p.Schedule)),
            ("EmploymentType", JobDisplay.EmploymentType(texts, p.EmploymentType)),
            ("Wage", JobDisplay.Wage(texts, p.WageMin, p.WageMax, p.WageUnit)),
            ("Hours", hours),
            ("DaysOff", p.DaysOff ?? ""),
            ("RequiredExperience", p.RequiredExperience ?? ""),
            ("RequiredLicenses", p.RequiredLicenses ?? ""),
            ("Openings", p.Openings is { } n ? texts.Format("search.job.openings-value", n) : ""),
            ("DocumentMethods", JobDisplay.Flags(texts, p.DocumentMethods, "search.documents.")),
            ("SelectionMethods", JobDisplay.Flags(texts, p.SelectionMethods, "search.selection.")),
            ("SelectionNote", p.SelectionNote ?? ""),
            ("ReferralDeadline", JobDisplay.Date(p.ReferralDeadline)),
            ("SelfApplication", texts.Get(p.SelfApplication ? "search.job.self-yes" : "search.job.self-no")),
            ("AcceptedAt", JobDisplay.Date(job.AcceptedAt)),
            ("ValidUntil", JobDisplay.Date(job.ValidUntil)),
        ];
        return items.Where(i => !string.IsNullOrWhiteSpace(i.Value))
            .Select(i => new Item(i.Key, texts.Get("search.job.field." + i.Key), i.Value)).ToList();
    }
}
