using HelloWork.BrowserTests.Infrastructure;
using HelloWork.Web.Features.Accounts;
using static Microsoft.Playwright.Assertions;

namespace HelloWork.BrowserTests.Features.Sessions;

public abstract class SessionsBrowserTests(HelloWorkApp app, string db)
{
    [Fact, Trait("Rule", "SEC-4")]
    public async Task Ending_a_session_from_the_settings_sends_that_browsers_open_page_to_the_sign_in_page()
    {
        var seekerUser = await app.CreateUserAsync(UserKind.Seeker, "山田 花子");
        await using var phone = await Person.SignInAsync(app, seekerUser, width: 390, height: 844);
        await using var pc = await Person.SignInAsync(app, seekerUser);
        await phone.WaitUntilLiveAsync();

        await pc.Page.GotoAsync("/account/settings");
        var rows = pc.Page.Locator("#sessions-list .session-row");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(pc.Page.Locator("#sessions-list .session-row.this-browser .this-mark")).ToHaveTextAsync("このブラウザー");
        Assert.Empty(await pc.AccessibilityViolationsAsync());
        await pc.Page.Locator("#sessions-list .session-row:not(.this-browser) button").ClickAsync();

        await Expect(pc.Page.Locator("#sessions-list .success")).ToHaveTextAsync("選んだ端末をログアウトさせました。");
        await Expect(rows).ToHaveCountAsync(1);
        // The phone's page is told at once, reloads, and finds itself signed out.
        await phone.Page.WaitForURLAsync(url => url.Contains("/login"), new() { Timeout = 5_000 });
        await Expect(phone.Page.Locator("#login-email")).ToBeVisibleAsync();
        await pc.ScreenshotAsync($"sessions-{db}-settings");
    }
}

public sealed class SessionsBrowserTestsOnSqlite(KestrelSqliteApp app) : SessionsBrowserTests(app, "sqlite"), IClassFixture<KestrelSqliteApp>;

public sealed class SessionsBrowserTestsOnPostgres(KestrelPostgresApp app) : SessionsBrowserTests(app, "postgres"), IClassFixture<KestrelPostgresApp>;
