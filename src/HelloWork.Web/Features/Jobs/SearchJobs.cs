using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Http;
using HelloWork.Web.Rendering;

namespace HelloWork.Web.Features.Jobs;

/// <summary>
/// The public job search (JOB-3): a GET form whose URL is the search, so it can be bookmarked and
/// shared; htmx swaps only the results (and the messages beside the fields) as the conditions
/// change and keeps the URL in step. Anyone may search, signed in or not, except a seeker whose
/// registration is invalid (ACC-9), who is told why and how to make it valid again.
/// Bad input is answered next to its field with the form as typed (422, like every form here).
/// </summary>
public static class SearchJobs
{
    public const string Path = "/jobs";
    public const string SaveSearchPath = "/mypage/searches/new";
    public const string RenewPath = "/account/settings";

    /// <summary>ACC-9: the text key of why this person may not search now, or null. Reading a job stays possible.</summary>
    public static string? Refusal(AppUser user, DateTime now) =>
        user.Kind == UserKind.Seeker && !user.HasValidRegistration(now) ? "search.refused.registration-invalid" : null;

    /// <summary>The page; <see cref="Favorites"/> draws each result's favorite button for a signed-in seeker (JOB-4), null otherwise.</summary>
    public sealed record View(string? Refusal, string RenewUrl, SearchForm.View Form, Results Results, SavedSearches.FavoriteSlots? Favorites = null);

    public sealed record Row(
        long Id, string Number, string Title, string EmployerName, string Place, string EmploymentType, string Schedule,
        string Wage, string Accepted, string AcceptedIso, string Deadline, bool SelfApplication, string Url);

    public sealed record PageLink(int Number, string Url, bool Current);

    public sealed record Results(
        bool Searched, bool HasErrors, string CountText, IReadOnlyList<Row> Rows, string? PreviousUrl, string? NextUrl,
        IReadOnlyList<PageLink> Pages, string? PastEnd, string? LastPageUrl, string? SaveUrl, bool ShowFavorites);

    private static readonly Results NotSearched = new(false, false, "", [], null, null, [], null, null, null, false);

    public static async Task<IResult> Handle(HttpContext context, AppDb db, Pages pages, Texts texts, JobSearch search, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var seeker = false;
        if (context.User.Identity?.IsAuthenticated == true && context.User.Role() == Roles.Seeker)
        {
            var user = await CurrentUser.Of(context).ReadAsync(db, ct);
            if (Refusal(user, now) is { } refusal)
            {
                var refused = new View(texts.Get(refusal), RenewPath, SearchForm.Build(texts, SearchForm.Parse(context.Request.Query)), NotSearched);
                return pages.Page(context, "search/index", refused, "search.title", StatusCodes.Status403Forbidden);
            }
            seeker = true;
        }

        var parsed = SearchForm.Parse(context.Request.Query);
        var form = SearchForm.Build(texts, parsed);
        if (parsed.Errors.Count > 0)
        {
            var invalid = NotSearched with { HasErrors = true };
            return pages.Page(context, "search/index", new View(null, RenewPath, form, invalid), "search.title", StatusCodes.Status422UnprocessableEntity);
        }

        var conditions = parsed.Conditions;
        var result = await search.RunAsync(db, conditions, now, ct);
        if (context.Request.WantsFragment())
        {
            // The address bar shows the search in its short, shareable form, not every empty field the form sent.
            context.Response.Headers["HX-Push-Url"] = Url(conditions);
        }
        var favorites = seeker ? await SavedSearches.FavoriteSlots.LoadAsync(context, db, result.Jobs.Select(j => j.Id).ToList(), ct) : null;
        return pages.Page(context, "search/index", new View(null, RenewPath, form, ResultsOf(texts, conditions, result, seeker), favorites), "search.title");
    }

    /// <summary>The city choices for the prefectures chosen now: htmx asks when the prefectures change.</summary>
    public static IResult Cities(HttpContext context, Pages pages, Texts texts) =>
        pages.Fragment(context, "search/_cities", SearchForm.Build(texts, SearchForm.Parse(context.Request.Query)));

    public static Results ResultsOf(Texts texts, JobSearchConditions c, JobSearchResult result, bool seeker)
    {
        var lastPage = Math.Max(1, (result.Count + c.PageSize - 1) / c.PageSize);
        // A capped count does not know the last page: the page after a full one exists as far as we can tell.
        if (result.CountCapped && result.Jobs.Count == c.PageSize) lastPage = Math.Max(lastPage, c.Page + 1);
        string At(int page) => Url(c with { Page = page });
        var detailQuery = c.ToQueryString();
        var rows = result.Jobs.Select(j => new Row(
            j.Id, j.Number, j.Title, j.EmployerName, JobDisplay.Place(j.PrefectureCode, j.CityCode),
            JobDisplay.EmploymentType(texts, j.EmploymentType), JobDisplay.Schedule(texts, j.Schedule),
            JobDisplay.Wage(texts, j.WageMin, j.WageMax, j.WageUnit), JobDisplay.Date(j.AcceptedAt), j.AcceptedAt.ToString("O"),
            JobDisplay.Date(j.ReferralDeadline), j.SelfApplication,
            ShowJob.PathOf(j.Number) + (detailQuery.Length > 0 ? "?" + detailQuery : ""))).ToList();
        var pastEnd = rows.Count == 0 && c.Page > lastPage;
        var count = JobDisplay.Amount(result.Count);
        var pages = pastEnd ? [] : Enumerable.Range(1, lastPage)
            .Where(p => p == 1 || p == lastPage || Math.Abs(p - c.Page) <= 2)
            .Select(p => new PageLink(p, At(p), p == c.Page)).ToList();
        return new Results(
            Searched: true,
            HasErrors: false,
            CountText: result.CountCapped ? texts.Format("search.count-capped", count) : texts.Format("search.count", count),
            Rows: rows,
            PreviousUrl: !pastEnd && c.Page > 1 ? At(c.Page - 1) : null,
            NextUrl: !pastEnd && c.Page < lastPage ? At(c.Page + 1) : null,
            Pages: lastPage > 1 ? pages : [],
            PastEnd: pastEnd ? texts.Format("search.past-end", c.Page, lastPage) : null,
            LastPageUrl: pastEnd && result.Count > 0 ? At(lastPage) : null,
            SaveUrl: seeker ? SaveSearchPath + "?" + c.ToQueryString(withPaging: false) : null,
            ShowFavorites: seeker);
    }

    public static string Url(JobSearchConditions c) => c.ToQueryString() is { Length: > 0 } q ? $"{Path}?{q}" : Path;
}
