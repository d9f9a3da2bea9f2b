using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using HelloWork.Web.Features.Accounts;
using Microsoft.Playwright;

namespace HelloWork.BrowserTests.Infrastructure;

/// <summary>One person at their own browser (a separate context: own cookies, own tabs).</summary>
public sealed class Person : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly IPage page;

    private Person(IBrowserContext context, IPage page)
    {
        this.context = context;
        this.page = page;
        context.Page += (_, tab) => Watch(tab);
        Watch(page);
    }

    public IBrowserContext Context => context;
    public IPage Page => page;

    /// <summary>Errors the pages logged: a CSP violation, a failed script, a failed request.</summary>
    public List<string> ConsoleErrors { get; } = [];

    /// <summary>Errors a test provokes on purpose (say, a cut connection); every other error fails the test.</summary>
    public Func<string, bool> Expected { get; set; } = _ => false;

    /// <summary>A form answered 422 with its reasons is the app working as meant; Chromium still logs it.</summary>
    private static bool IsFormRefusal(string text) => text.Contains("status of 422");

    private void Watch(IPage tab)
    {
        tab.Console += (_, message) =>
        {
            if (message.Type == "error" && !IsFormRefusal(message.Text) && !Expected(message.Text))
            {
                lock (ConsoleErrors) ConsoleErrors.Add($"{tab.Url}: {message.Text} ({message.Location})");
            }
        };
        tab.PageError += (_, error) => { lock (ConsoleErrors) ConsoleErrors.Add($"{tab.Url}: {error}"); };
    }

    private static async Task<Person> OpenAsync(HelloWorkApp app, int width, int height)
    {
        var browser = await Browser.GetAsync();
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl(),
            Locale = "ja-JP",
            TimezoneId = "Asia/Tokyo",
            ViewportSize = new() { Width = width, Height = height },
        });
        return new Person(context, await context.NewPageAsync());
    }

    /// <summary>Someone at a browser who has not signed in (say, about to open a MyPage).</summary>
    public static Task<Person> AnonymousAsync(HelloWorkApp app, int width = 1280, int height = 900) => OpenAsync(app, width, height);

    public static async Task<Person> SignInAsync(HelloWorkApp app, AppUser user, int width = 1280, int height = 900)
    {
        var person = await OpenAsync(app, width, height);
        var page = person.Page;
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
        return person;
    }

    /// <summary>Waits until the page's live connection is up, as a person's open page would be.</summary>
    public Task WaitUntilLiveAsync(IPage? tab = null) =>
        (tab ?? page).Locator("body[data-live-state=connected]").WaitForAsync(new() { Timeout = 10_000 });

    public Task ScreenshotAsync(string name, IPage? tab = null) =>
        (tab ?? page).ScreenshotAsync(new() { Path = Browser.ScreenshotPath(name), FullPage = true });

    /// <summary>
    /// Runs axe-core (Deque.AxeCore.Playwright) on the page; returns the serious and critical
    /// violations. The package puts axe into the page through Playwright's evaluate, which the
    /// page's CSP (no inline script) does not govern, so the app's real CSP stays in force.
    /// </summary>
    public async Task<IReadOnlyList<string>> AccessibilityViolationsAsync(IPage? tab = null)
    {
        var result = await (tab ?? page).RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        return [.. result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id}: {v.Help} @ {string.Join(", ", v.Nodes.Select(n => n.Target))}")];
    }

    public async ValueTask DisposeAsync()
    {
        await context.CloseAsync();
        // Every browser test ends by proving the pages ran clean under the real CSP.
        Assert.True(ConsoleErrors.Count == 0, string.Join("\n", ConsoleErrors));
    }
}
