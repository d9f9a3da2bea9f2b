using HelloWork.Web.Accounts;
using Microsoft.Playwright;

namespace HelloWork.BrowserTests.Infrastructure;

/// <summary>One person at their own browser (a separate context: own cookies, own tabs).</summary>
public sealed class Person(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context => context;
    public IPage Page => page;

    /// <summary>Someone at a browser who has not signed in (say, about to open a MyPage).</summary>
    public static async Task<Person> AnonymousAsync(HelloWorkApp app, int width = 1280, int height = 900)
    {
        var browser = await Browser.GetAsync();
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl(),
            Locale = "ja-JP",
            TimezoneId = "Asia/Tokyo",
            ViewportSize = new() { Width = width, Height = height },
            BypassCSP = true,
        });
        return new Person(context, await context.NewPageAsync());
    }

    public static async Task<Person> SignInAsync(HelloWorkApp app, AppUser user, int width = 1280, int height = 900)
    {
        var browser = await Browser.GetAsync();
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl(),
            Locale = "ja-JP",
            TimezoneId = "Asia/Tokyo",
            ViewportSize = new() { Width = width, Height = height },
            BypassCSP = true, // only so the accessibility checker can be injected; the app's CSP is tested over HTTP
        });
        var page = await context.NewPageAsync();
        var login = user.Kind == UserKind.Staff ? "/staff/login" : "/login";
        await page.GotoAsync(login);
        await page.FillAsync("#login-email", user.Email!);
        await page.FillAsync("#login-password", HelloWorkApp.Password);
        var codesBefore = app.LoginCodesTo(user.Email!);
        await page.ClickAsync("#login button[type=submit]");
        if (user.Kind != UserKind.Staff)
        {
            // ACC-13: the one-time code, read from the mail the SMTP sink received.
            await page.WaitForURLAsync(url => url.Contains("/login/code"));
            await page.FillAsync("#code-code", await app.NextLoginCodeAsync(user.Email!, codesBefore));
            await page.ClickAsync("#login-code button[type=submit]");
        }
        await page.WaitForURLAsync(url => !url.Contains("/login"));
        return new Person(context, page);
    }

    /// <summary>Waits until the page's live connection is up, as a person's open page would be.</summary>
    public Task WaitUntilLiveAsync(IPage? tab = null) =>
        (tab ?? page).Locator("body[data-live-state=connected]").WaitForAsync(new() { Timeout = 10_000 });

    public Task ScreenshotAsync(string name, IPage? tab = null) =>
        (tab ?? page).ScreenshotAsync(new() { Path = Browser.ScreenshotPath(name), FullPage = true });

    /// <summary>Runs axe-core (npm, pinned in package.json) on the page; returns the serious and critical violations.</summary>
    public async Task<IReadOnlyList<string>> AccessibilityViolationsAsync(IPage? tab = null)
    {
        var target = tab ?? page;
        await target.AddScriptTagAsync(new() { Path = Path.Combine(TestServices.FindRepoRoot(), "node_modules", "axe-core", "axe.min.js") });
        var found = await target.EvaluateAsync<string[]>(@"async () => {
            const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
            return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ': ' + v.help + ' @ ' + v.nodes.map(n => n.target.join(' ')).join(', '));
        }");
        return found;
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
