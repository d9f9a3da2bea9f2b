using HelloWork.BrowserTests.Infrastructure;
using HelloWork.Web.Features.Jobs;
using static HelloWork.Tests.Features.Jobs.PublishedJobs;
using static Microsoft.Playwright.Assertions;

namespace HelloWork.BrowserTests.Features.Jobs;

public abstract class SearchBrowserTests(HelloWorkApp app, string db)
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HelloWorkApp, Task> Seeded = new();

    /// <summary>Four jobs, once per app: both tests see the same ones whichever runs first.</summary>
    private Task SeedAsync() => Seeded.GetValue(app, a => SeedJobsAsync((HelloWorkApp)a));

    private static async Task SeedJobsAsync(HelloWorkApp app)
    {
        var employer = await EmployerAsync(app, "株式会社みどり介護");
        await AcceptedAsync(app, employer, Posting("介護職員（デイサービス）"), TimeSpan.FromHours(3));
        await AcceptedAsync(app, employer, Posting("訪問介護員", "ご利用者様のご自宅での生活援助。") with { Schedule = JobSchedule.PartTime, WageMin = 1300, WageMax = 1600, WageUnit = WageUnit.Hourly }, TimeSpan.FromHours(2));
        await AcceptedAsync(app, employer, Posting("一般事務", "請求書作成、電話応対、データ入力。") with { OccupationCode = "0601" }, TimeSpan.FromHours(1));
        await AcceptedAsync(app, employer, Posting("倉庫内軽作業", "ピッキング、検品、梱包。") with { OccupationCode = "1501", PrefectureCode = "27", CityCode = "27100" });
    }

    [Fact, Trait("Rule", "JOB-3")]
    public async Task On_a_375px_phone_a_visitor_finds_jobs_with_a_two_character_word_without_a_reload_and_the_URL_keeps_the_search()
    {
        await SeedAsync();
        await using var phone = await Person.AnonymousAsync(app, width: 375, height: 740);
        var page = phone.Page;
        await page.GotoAsync("/jobs");
        await Expect(page.Locator("#search-count")).ToHaveTextAsync("4件");
        await page.Locator("#search-kw").FocusAsync();
        var loads = await page.EvaluateAsync<int>("() => performance.getEntriesByType('navigation').length");
        var reloaded = false;
        void Reloaded(object? _, Microsoft.Playwright.IPage __) => reloaded = true;
        page.Load += Reloaded;

        // 介護 is in the titles of two jobs and the employer's name of all four: an exclusion narrows it.
        await page.FillAsync("#search-kw", "介護");
        await page.FillAsync("#search-nkw", "事務");
        await Expect(page.Locator("#search-count")).ToHaveTextAsync("3件");
        await page.FillAsync("#search-nkw", "");
        await Expect(page.Locator("#search-count")).ToHaveTextAsync("4件");
        await page.SelectOptionAsync("#search-pref-1", "13");
        await Expect(page.Locator("#search-count")).ToHaveTextAsync("3件");
        await Expect(page.Locator("#search-cities input[value='13104']")).ToHaveCountAsync(1);
        await page.FillAsync("#search-kw", "介護職");
        await Expect(page.Locator("#search-count")).ToHaveTextAsync("1件");
        await Expect(page.Locator(".job-result .job-title")).ToHaveTextAsync("介護職員（デイサービス）");
        await page.FillAsync("#search-kw", "介護");
        await Expect(page.Locator("#search-count")).ToHaveTextAsync("3件");
        await page.WaitForURLAsync(url => url.EndsWith("/jobs?kw=%E4%BB%8B%E8%AD%B7&pref=13"));
        Assert.Equal(loads, await page.EvaluateAsync<int>("() => performance.getEntriesByType('navigation').length"));
        page.Load -= Reloaded;
        Assert.False(reloaded, "the search page reloaded");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the search page is {overflow}px wider than the phone");
        Assert.Empty(await phone.AccessibilityViolationsAsync());
        await phone.ScreenshotAsync($"search-{db}-phone");

        // The job, then Back: the same results; then the URL itself, reloaded: the same again.
        await page.Locator(".job-result .job-title a").First.ClickAsync();
        await Expect(page.Locator(".job-detail h1")).ToHaveTextAsync("一般事務");
        await page.GoBackAsync();
        await Expect(page.Locator("#search-count")).ToHaveTextAsync("3件");
        Assert.EndsWith("/jobs?kw=%E4%BB%8B%E8%AD%B7&pref=13", page.Url);
        await page.ReloadAsync();
        await Expect(page.Locator("#search-count")).ToHaveTextAsync("3件");
        await Expect(page.Locator("#search-kw")).ToHaveValueAsync("介護");
        await Expect(page.Locator("#search-pref-1")).ToHaveValueAsync("13");
        Assert.Equal(3, await page.Locator(".job-result").CountAsync());
    }

    [Fact, Trait("Rule", "JOB-3")]
    public async Task Without_script_the_form_searches_by_its_button_and_offers_the_cities_of_the_chosen_prefecture()
    {
        await SeedAsync();
        var browser = await Browser.GetAsync();
        await using var context = await browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl(), Locale = "ja-JP", JavaScriptEnabled = false, ViewportSize = new() { Width = 375, Height = 740 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/jobs");

        await page.FillAsync("#search-kw", "介護");
        await page.SelectOptionAsync("#search-pref-1", "13");
        await page.ClickAsync("#search-submit");
        await Expect(page.Locator("#search-count")).ToHaveTextAsync("3件");
        Assert.Contains("kw=%E4%BB%8B%E8%AD%B7", page.Url);

        // The chosen prefecture's cities are offered now; one of them, and the results follow.
        await page.Locator("summary").ClickAsync(); // the conditions of a search in the URL start folded
        await page.CheckAsync("#search-city-13104");
        await page.FillAsync("#search-kw", "介護職");
        await page.ClickAsync("#search-submit");
        await Expect(page.Locator("#search-count")).ToHaveTextAsync("1件");
        await Expect(page.Locator(".job-result .job-title")).ToHaveTextAsync("介護職員（デイサービス）");
        Assert.Contains("city=13104", page.Url);
    }

    [Fact, Trait("Rule", "JOB-3")]
    public async Task The_search_page_on_a_desktop_shows_conditions_beside_the_results()
    {
        await SeedAsync();
        await using var desktop = await Person.AnonymousAsync(app, width: 1280, height: 900);
        var page = desktop.Page;
        await page.GotoAsync("/jobs");
        await page.FillAsync("#search-kw", "介護");
        await Expect(page.Locator("#search-count")).Not.ToHaveTextAsync("0件");
        await page.WaitForURLAsync(url => url.Contains("kw=%E4%BB%8B%E8%AD%B7"));
        Assert.Empty(await desktop.AccessibilityViolationsAsync());
        await desktop.ScreenshotAsync($"search-{db}-desktop");
    }
}

public sealed class SearchBrowserTestsOnSqlite(KestrelSqliteApp app) : SearchBrowserTests(app, "sqlite"), IClassFixture<KestrelSqliteApp>;

public sealed class SearchBrowserTestsOnPostgres(KestrelPostgresApp app) : SearchBrowserTests(app, "postgres"), IClassFixture<KestrelPostgresApp>;
