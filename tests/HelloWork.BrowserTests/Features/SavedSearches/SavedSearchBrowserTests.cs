using HelloWork.BrowserTests.Infrastructure;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Jobs;
using HelloWork.Web.Features.Offices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelloWork.BrowserTests.Features.SavedSearches;

/// <summary>BEY-11 in a real browser: the count on the seeker's open MyPage rises when a matching job is accepted.</summary>
public abstract class SavedSearchBrowserTests(HelloWorkApp app, string db)
{
    /// <summary>A job accepted through the domain (as acceptance does), then every IJobAccepted told, as the acceptance endpoint tells them.</summary>
    private async Task AcceptJobAsync(string title, string prefecture)
    {
        var now = app.Clock.UtcNow;
        long jobId = 0;
        await app.WithDbAsync(async db =>
        {
            var office = await db.Set<Office>().SingleOrDefaultAsync(o => o.Code == "13010");
            if (office is null)
            {
                office = Office.Create("13010", "飯田橋公共職業安定所", "Iidabashi", "13");
                db.Add(office);
                await db.SaveChangesAsync();
            }
            var est = Establishment.Create($"9{Random.Shared.Next(100, 999)}-{Random.Shared.Next(100000, 999999)}-1", "株式会社みどり介護", "東京都", "新宿区", now);
            est.AssignOffice(office.Id);
            db.Add(est);
            var job = Job.Start(est, office.Id, new JobPosting
            {
                Title = title, Description = "入浴介助", PrefectureCode = prefecture, Schedule = JobSchedule.FullTime,
                EmploymentType = EmploymentType.Regular, WageMin = 200000, WageUnit = WageUnit.Monthly,
            }, now);
            job.Submit(now);
            job.Accept(Job.NumberOf(office.Code, await JobSerials.TakeAsync(db, office.Id, default)), Guid.NewGuid(), est.Name, now);
            db.Add(job);
            await db.SaveChangesAsync();
            jobId = job.Id;
        });
        using var scope = app.Services.CreateScope();
        foreach (var hook in scope.ServiceProvider.GetServices<IJobAccepted>())
        {
            await hook.JobAcceptedAsync(jobId, now, default);
        }
    }

    [Fact, Trait("Rule", "BEY-11"), Trait("Rule", "JOB-4")]
    public async Task The_new_match_count_on_the_open_MyPage_rises_when_a_matching_job_is_accepted()
    {
        var seekerUser = await app.CreateUserAsync(UserKind.Seeker, "山田 花子");
        await using var seeker = await Person.SignInAsync(app, seekerUser, width: 375, height: 812);
        var word = "夜勤" + Random.Shared.Next(1000, 9999);

        await seeker.Page.GotoAsync($"/mypage/searches/new?kw={Uri.EscapeDataString(word)}&pref=13");
        await seeker.Page.FillAsync("#save-search-name", "東京の夜勤");
        await seeker.Page.ClickAsync("#save-search-submit");
        await Expect(seeker.Page.Locator("#saved-search-saved")).ToHaveTextAsync("「東京の夜勤」を保存しました。");
        await seeker.Page.GotoAsync("/mypage");
        var count = seeker.Page.Locator("#saved-searches-box .new-matches");
        await Expect(count).ToHaveTextAsync("新着 0件");
        await seeker.WaitUntilLiveAsync();
        var loadsBefore = await seeker.Page.EvaluateAsync<int>("() => performance.getEntriesByType('navigation').length");
        var reloads = 0;
        void Reloaded(object? sender, IPage page) => reloads++;
        seeker.Page.Load += Reloaded;
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        await AcceptJobAsync($"介護職員（{word}あり）", "27"); // Osaka: not this search's
        await AcceptJobAsync($"介護職員（{word}あり）", "13");

        await Expect(count).ToHaveTextAsync("新着 1件", new() { Timeout = 3_000 });
        Assert.Equal(loadsBefore, await seeker.Page.EvaluateAsync<int>("() => performance.getEntriesByType('navigation').length"));
        seeker.Page.Load -= Reloaded;
        Assert.Equal(0, reloads);
        await seeker.ScreenshotAsync($"saved-search-live-{db}-phone");

        await seeker.Page.GotoAsync("/mypage/searches");
        await Expect(seeker.Page.Locator(".saved-search .new-matches")).ToHaveTextAsync("新着 1件");
        Assert.Empty(await seeker.AccessibilityViolationsAsync());
        await seeker.ScreenshotAsync($"saved-searches-{db}-phone");
    }
}

public sealed class SavedSearchBrowserTestsOnSqlite(KestrelSqliteApp app) : SavedSearchBrowserTests(app, "sqlite"), IClassFixture<KestrelSqliteApp>;

public sealed class SavedSearchBrowserTestsOnPostgres(KestrelPostgresApp app) : SavedSearchBrowserTests(app, "postgres"), IClassFixture<KestrelPostgresApp>;
