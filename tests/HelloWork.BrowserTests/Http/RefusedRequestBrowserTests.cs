using HelloWork.BrowserTests.Infrastructure;
using HelloWork.Web.Features.Accounts;
using static Microsoft.Playwright.Assertions;

namespace HelloWork.BrowserTests.Http;

/// <summary>SEC-3 in Chromium: an htmx request whose antiforgery token no longer fits says why, in the toast.</summary>
public abstract class RefusedRequestBrowserTests(HelloWorkApp app)
{
    [Fact, Trait("Rule", "SEC-3")]
    public async Task A_form_sent_with_a_token_that_no_longer_fits_says_to_reload_the_page()
    {
        var user = await app.CreateUserAsync(UserKind.Seeker);
        await using var seeker = await Person.SignInAsync(app, user);
        await seeker.Page.GotoAsync("/messages/settings");
        // The refusal is the point of this test; Chromium and htmx log it.
        seeker.Expected = text => text.Contains("status of 400") || text.Contains("Response Status Error Code 400");
        // The browser's antiforgery cookie is not the one the page's token was made for (say, it expired).
        await seeker.Context.AddCookiesAsync([new() { Name = "hw.af", Value = "no-longer-valid", Url = app.BaseUrl() }]);

        await seeker.Page.ClickAsync("#message-settings button[type=submit]");

        await Expect(seeker.Page.Locator("#toast")).ToBeVisibleAsync();
        await Expect(seeker.Page.Locator("#toast")).ToContainTextAsync("ページを読み込み直してから、もう一度操作してください。");
        await Expect(seeker.Page.Locator("#message-settings form")).ToBeVisibleAsync();
    }
}

public sealed class RefusedRequestBrowserTestsOnSqlite(KestrelSqliteApp app) : RefusedRequestBrowserTests(app), IClassFixture<KestrelSqliteApp>;

public sealed class RefusedRequestBrowserTestsOnPostgres(KestrelPostgresApp app) : RefusedRequestBrowserTests(app), IClassFixture<KestrelPostgresApp>;
