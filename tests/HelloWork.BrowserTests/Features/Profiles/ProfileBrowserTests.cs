using HelloWork.BrowserTests.Infrastructure;
using HelloWork.Web.Features.Accounts;
using static Microsoft.Playwright.Assertions;

namespace HelloWork.BrowserTests.Features.Profiles;

public abstract class ProfileBrowserTests(HelloWorkApp app, string db)
{
    [Fact, Trait("Rule", "PRO-1"), Trait("Rule", "PRO-2"), Trait("Rule", "BEY-9")]
    public async Task On_a_375px_phone_a_seeker_edits_a_section_publishes_and_sees_the_preview()
    {
        var seekerUser = await app.CreateUserAsync(UserKind.Seeker, "携帯 求職者");
        await using var phone = await Person.SignInAsync(app, seekerUser, width: 375, height: 740);
        var page = phone.Page;
        await page.GotoAsync("/mypage");
        await page.ClickAsync("#profile-box a");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("求職情報");
        await phone.WaitUntilLiveAsync();
        var loadsBefore = await page.EvaluateAsync<int>("() => performance.getEntriesByType('navigation').length");

        // The desired-job section, edited in place: only that section becomes a form.
        await page.ClickAsync("#profile-desired-edit");
        await Expect(page.Locator("#profile-desired form")).ToBeVisibleAsync();
        await Expect(page.Locator("#profile-appeal form")).ToHaveCountAsync(0);
        await page.FillAsync("#pro-desiredjob", "介護職員（夜勤専従）");
        await page.FillAsync("#pro-desiredplace", "東京都新宿区・中野区");
        await page.FillAsync("#pro-wagemin", "２２００００");
        await page.SelectOptionAsync("#pro-wageunit", "Monthly");
        await page.CheckAsync("#pro-wage-show");
        await page.Locator("#profile-desired").ScreenshotAsync(new() { Path = Browser.ScreenshotPath($"profile-{db}-phone-form") });
        await page.ClickAsync("#profile-desired-save");
        await Expect(page.Locator("#profile-desired .success")).ToHaveTextAsync("保存しました。");
        await Expect(page.Locator("#profile-desired [data-item=Wage] dd")).ToHaveTextAsync("月給 220,000円以上");

        await page.ClickAsync("#profile-education-edit");
        await page.FillAsync("#pro-education", "みどり高校 卒業");
        await page.ClickAsync("#profile-education-save");
        await Expect(page.Locator("#profile-education .success")).ToBeVisibleAsync();

        await Expect(page.Locator("#free-text-warning")).ToContainTextAsync("入力したとおりに求人者に公開されます");
        await page.ClickAsync("#publication-switch");
        await Expect(page.Locator("#publication-state strong")).ToHaveTextAsync("公開中");
        Assert.Equal(loadsBefore, await page.EvaluateAsync<int>("() => performance.getEntriesByType('navigation').length"));
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the profile page is {overflow}px wider than the phone");
        Assert.Empty(await phone.AccessibilityViolationsAsync());
        await phone.ScreenshotAsync($"profile-{db}-phone-edit");

        await page.ClickAsync("#profile-preview-link");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("求職情報のプレビュー");
        await Expect(page.Locator(".public-profile h2")).ToHaveTextAsync("介護職員（夜勤専従）");
        await Expect(page.Locator(".public-profile [data-item=Wage] dd")).ToHaveTextAsync("月給 220,000円以上");
        await Expect(page.Locator(".public-profile")).Not.ToContainTextAsync("携帯 求職者");
        overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the preview is {overflow}px wider than the phone");
        Assert.Empty(await phone.AccessibilityViolationsAsync());
        await phone.ScreenshotAsync($"profile-{db}-phone-preview");
    }

    [Fact, Trait("Rule", "PRO-3")]
    public async Task A_note_staff_add_appears_on_the_seekers_open_profile_page_without_a_reload()
    {
        var staffUser = await app.CreateUserAsync(UserKind.Staff, "職員 花子");
        var seekerUser = await app.CreateUserAsync(UserKind.Seeker, "山田 太郎");
        await using var staff = await Person.SignInAsync(app, staffUser);
        await using var seeker = await Person.SignInAsync(app, seekerUser, width: 375, height: 740);
        await seeker.Page.GotoAsync("/mypage/profile");
        await Expect(seeker.Page.Locator("#profile-note-list .empty")).ToHaveTextAsync("追記はありません。");
        await seeker.WaitUntilLiveAsync();
        seeker.Page.Load += (_, _) => Assert.Fail("the seeker's page reloaded");

        await staff.Page.GotoAsync("/staff/seekers/notes/new");
        await staff.Page.FillAsync("#note-email", seekerUser.Email!);
        await staff.Page.FillAsync("#note-body", "12月3日に職業相談を行いました。\n介護職の求人を紹介予定です。");
        Assert.Empty(await staff.AccessibilityViolationsAsync());
        await staff.Page.ClickAsync("#add-profile-note button[type=submit]");
        await Expect(staff.Page.Locator("#add-profile-note .success")).ToContainTextAsync(seekerUser.Email!);

        var note = seeker.Page.Locator("#profile-note-list .profile-note");
        await Expect(note).ToHaveCountAsync(1, new() { Timeout = 2_000 });
        await Expect(note.Locator(".note-by")).ToHaveTextAsync("ハローワーク職員による追記");
        await Expect(note.Locator(".note-body")).ToHaveTextAsync("12月3日に職業相談を行いました。\n介護職の求人を紹介予定です。");
        await seeker.ScreenshotAsync($"profile-{db}-note-live");
    }
}

public sealed class ProfileBrowserTestsOnSqlite(KestrelSqliteApp app) : ProfileBrowserTests(app, "sqlite"), IClassFixture<KestrelSqliteApp>;

public sealed class ProfileBrowserTestsOnPostgres(KestrelPostgresApp app) : ProfileBrowserTests(app, "postgres"), IClassFixture<KestrelPostgresApp>;
