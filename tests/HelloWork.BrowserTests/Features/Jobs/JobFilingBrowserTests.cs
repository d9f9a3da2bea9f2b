using HelloWork.BrowserTests.Infrastructure;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Offices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelloWork.BrowserTests.Features.Jobs;

public abstract class JobFilingBrowserTests(HelloWorkApp app, string db)
{
    [Fact, Trait("Rule", "JOB-1")]
    public async Task An_employer_files_a_job_in_steps_staff_see_it_queued_live_and_accept_it_and_the_employers_home_shows_it_open()
    {
        var n = Random.Shared.Next(0, 1000);
        var office = Office.Create($"47{n:D3}", $"ブラウザ職安{n}", $"Browser office {n}", "47");
        var establishment = Establishment.Create($"8{Random.Shared.Next(100, 999)}-{Random.Shared.Next(100000, 999999)}-1", "株式会社ブラウザ介護", "沖縄県", "那覇市", app.Clock.UtcNow);
        await app.WithDbAsync(async d => { d.Add(office); await d.SaveChangesAsync(); establishment.AssignOffice(office.Id); d.Add(establishment); await d.SaveChangesAsync(); });
        var employerUser = await app.CreateUserAsync(UserKind.Employer, "ブラウザ介護 採用担当");
        var staffUser = await app.CreateUserAsync(UserKind.Staff, "職員 次郎");
        await app.WithDbAsync(async d =>
        {
            await d.Users.Where(u => u.Id == employerUser.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.EstablishmentId, establishment.Id));
            await d.Users.Where(u => u.Id == staffUser.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.OfficeId, office.Id));
        });
        await using var staff = await Person.SignInAsync(app, staffUser);
        await using var employer = await Person.SignInAsync(app, employerUser);
        await staff.Page.GotoAsync("/staff/jobs");
        await Expect(staff.Page.Locator("#job-queue .empty")).ToHaveTextAsync("受理待ちの求人はありません。");
        await staff.WaitUntilLiveAsync();
        var home = await employer.Context.NewPageAsync();
        await home.GotoAsync("/employer");
        await employer.WaitUntilLiveAsync(home);
        var homeLoads = 0;
        var staffLoads = 0;
        home.Load += (_, _) => homeLoads++;
        staff.Page.Load += (_, _) => staffLoads++;

        var page = employer.Page;
        await page.GotoAsync("/employer/jobs/new");
        await page.FillAsync("#job-title", "介護職員（那覇・日勤）");
        await page.SelectOptionAsync("#job-occupation", "0801");
        await page.FillAsync("#job-description", "デイサービスでの介護業務全般。");
        await page.ClickAsync("#job-next");
        await Expect(page.Locator("#job-step-heading")).ToHaveTextAsync("2/5 就業場所");
        await page.SelectOptionAsync("#job-prefecture", "47");
        await Expect(page.Locator("#job-city option[value='47201']")).ToHaveCountAsync(1); // htmx brought Okinawa's municipalities
        await page.SelectOptionAsync("#job-city", "47201");
        await page.FillAsync("#job-address", "泉崎1-2-3");
        await page.ClickAsync("#job-next");
        await page.SelectOptionAsync("#job-schedule", "FullTime");
        await page.SelectOptionAsync("#job-employment-type", "Regular");
        await page.FillAsync("#job-wage-min", "200000");
        await page.FillAsync("#job-wage-max", "240000");
        await page.SelectOptionAsync("#job-wage-unit", "Monthly");
        await page.ClickAsync("#job-next");
        await page.FillAsync("#job-hours-from", "08:30");
        await page.FillAsync("#job-hours-to", "17:30");
        await page.FillAsync("#job-days-off", "日曜・祝日");
        await page.ClickAsync("#job-next");
        await page.CheckAsync("#job-doc-mypage");
        await page.CheckAsync("#job-sel-interview");
        await page.FillAsync("#job-referral-deadline", "2030-12-31");
        await page.FillAsync("#job-openings", "1");
        await page.CheckAsync("#job-self-application");
        await page.ClickAsync("#job-save");
        await Expect(page.Locator("#job .success")).ToHaveTextAsync("下書きを保存しました。");
        await page.ClickAsync("#job-submit");
        await Expect(page.Locator("#job .success")).ToContainTextAsync("求人を申し込みました。");
        await Expect(home.Locator("#employer-jobs .job-status")).ToHaveTextAsync("受理待ち", new() { Timeout = 2_000 });

        var queued = staff.Page.Locator("#job-queue .job-line a", new() { HasText = "介護職員（那覇・日勤）" });
        await Expect(queued).ToBeVisibleAsync(new() { Timeout = 2_000 });
        await staff.ScreenshotAsync($"job-queue-{db}");
        Assert.Equal(0, staffLoads); // it appeared without a reload
        await queued.ClickAsync();
        await Expect(staff.Page.Locator(".job-field[data-field='CityCode'] dd")).ToHaveTextAsync("那覇市");
        await staff.Page.ClickAsync("#job-accept");
        await Expect(staff.Page.Locator("#job-review .success")).ToContainTextAsync($"求人番号は {office.Code}-");

        await Expect(home.Locator("#employer-jobs .job-status")).ToHaveTextAsync("公開中", new() { Timeout = 2_000 });
        await Expect(home.Locator("#employer-jobs .job-number")).ToContainTextAsync($"{office.Code}-");
        await employer.ScreenshotAsync($"job-open-home-{db}", home);
        Assert.Equal(0, homeLoads);
        Assert.Empty(employer.ConsoleErrors);
        Assert.Empty(staff.ConsoleErrors);
    }

    [Fact, Trait("Rule", "JOB-1")]
    public async Task The_job_form_is_usable_on_a_375px_phone_and_has_no_accessibility_violations()
    {
        var establishment = Establishment.Create($"8{Random.Shared.Next(100, 999)}-{Random.Shared.Next(100000, 999999)}-2", "株式会社スマホ", "東京都", "新宿区", app.Clock.UtcNow);
        await app.WithDbAsync(async d => { d.Add(establishment); await d.SaveChangesAsync(); });
        var employerUser = await app.CreateUserAsync(UserKind.Employer);
        await app.WithDbAsync(d => d.Users.Where(u => u.Id == employerUser.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.EstablishmentId, establishment.Id)));
        await using var phone = await Person.SignInAsync(app, employerUser, width: 375, height: 740);

        await phone.Page.GotoAsync("/employer/jobs/new");

        Assert.Empty(await phone.AccessibilityViolationsAsync());
        var width = await phone.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"the page is {width} px wide");
        await phone.ScreenshotAsync($"job-step-phone-{db}");
    }
}

public sealed class JobFilingBrowserTestsOnSqlite(KestrelSqliteApp app) : JobFilingBrowserTests(app, "sqlite"), IClassFixture<KestrelSqliteApp>;

public sealed class JobFilingBrowserTestsOnPostgres(KestrelPostgresApp app) : JobFilingBrowserTests(app, "postgres"), IClassFixture<KestrelPostgresApp>;
