using HelloWork.BrowserTests.Infrastructure;
using HelloWork.Web.Http;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelloWork.BrowserTests.Features.Accounts;

/// <summary>SEC-5 in Chromium: over a limit, htmx swaps the 429 message into the page's message area and the form keeps what was typed.</summary>
public abstract class RateLimitBrowserTests(HelloWorkApp app)
{
    [Fact, Trait("Rule", "SEC-5")]
    public async Task Over_the_sign_in_limit_the_page_says_why_and_the_form_keeps_what_was_typed()
    {
        await using var person = await Person.AnonymousAsync(app);
        person.Expected = text => text.Contains("status of 429"); // Chromium logs the refused request; that is the point here
        var page = person.Page;
        await page.GotoAsync("/login");
        for (var i = 0; i < new RateLimitOptions().SignIn.PerAddress; i++)
        {
            await page.FillAsync("#login-email", $"guess-{i}@test.example");
            await page.FillAsync("#login-password", "Wrong-pass1");
            var answer = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#login button[type=submit]"),
                r => r.Request.Method == "POST" && r.Url.EndsWith("/login", StringComparison.Ordinal));
            Assert.Equal(422, answer.Status); // refused (wrong password) and shown again, not limited yet
            await Expect(page.Locator("#login-password")).ToHaveValueAsync(""); // the swap is done
            await Expect(page.Locator("#login-email")).ToHaveValueAsync($"guess-{i}@test.example");
        }

        await page.FillAsync("#login-email", "typed-by-me@test.example");
        await page.FillAsync("#login-password", "Wrong-pass1");
        var limited = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#login button[type=submit]"),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/login", StringComparison.Ordinal));

        Assert.Equal(429, limited.Status);
        await Expect(page.Locator("#toast")).ToBeVisibleAsync();
        await Expect(page.Locator("#toast")).ToContainTextAsync("試行回数が多すぎます");
        await Expect(page.Locator("#login-email")).ToHaveValueAsync("typed-by-me@test.example");
        await Expect(page.Locator("#login-password")).ToHaveValueAsync("Wrong-pass1");
        Assert.Empty(await person.AccessibilityViolationsAsync());
    }
}

/// <summary>The app on a real port with every request limit as shipped.</summary>
public sealed class KestrelShippedLimitsSqliteApp : HelloWorkApp
{
    public KestrelShippedLimitsSqliteApp() => UseKestrel(0);
    public override HelloWork.Web.Data.DatabaseProvider Provider => HelloWork.Web.Data.DatabaseProvider.Sqlite;
    protected override bool ShippedRequestLimits => true;
}

public sealed class KestrelShippedLimitsPostgresApp : HelloWorkApp
{
    public KestrelShippedLimitsPostgresApp() => UseKestrel(0);
    public override HelloWork.Web.Data.DatabaseProvider Provider => HelloWork.Web.Data.DatabaseProvider.Postgres;
    protected override bool ShippedRequestLimits => true;
}

public sealed class RateLimitBrowserTestsOnSqlite(KestrelShippedLimitsSqliteApp app) : RateLimitBrowserTests(app), IClassFixture<KestrelShippedLimitsSqliteApp>;

public sealed class RateLimitBrowserTestsOnPostgres(KestrelShippedLimitsPostgresApp app) : RateLimitBrowserTests(app), IClassFixture<KestrelShippedLimitsPostgresApp>;
