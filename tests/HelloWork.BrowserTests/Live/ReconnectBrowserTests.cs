using HelloWork.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelloWork.BrowserTests.Live;

/// <summary>
/// Catch-up comes at once, not after a long retry wait: the page reconnects when the browser comes
/// back online and when its tab is shown (wwwroot/js/app.js). Each test first puts the page where its
/// only own retry is 24–36 s away (offline, or a hidden tab), so being connected within a few
/// seconds can only be the event's doing; nothing here sleeps.
/// </summary>
public abstract class ReconnectBrowserTests(HelloWorkApp app)
{
    private const int Soon = 5_000;

    [Fact, Trait("Rule", "MSG-3"), Trait("Rule", "MSG-4")]
    public async Task Coming_back_online_reconnects_at_once_and_shows_what_arrived_meanwhile()
    {
        var talk = await Conversation.StartAsync(app);
        await using var seeker = await Person.SignInAsync(app, talk.Seeker);
        await using var employer = await Person.SignInAsync(app, talk.Employer);
        await employer.Page.GotoAsync($"/messages/{talk.ThreadId}");
        var page = seeker.Page;
        await page.GotoAsync($"/messages/{talk.ThreadId}");
        await seeker.WaitUntilLiveAsync();

        await seeker.Context.SetOfflineAsync(true);
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-live-state", "offline");
        await Expect(page.Locator("#live-status")).ToHaveTextAsync("接続が切れています。再接続しています…");
        await Conversation.SendAsync(employer, "オフラインの間に届いたメッセージ");
        await Expect(employer.Page.Locator("#thread-messages .message.mine")).ToHaveCountAsync(1);
        await seeker.Context.SetOfflineAsync(false);

        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-live-state", "connected", new() { Timeout = Soon });
        await Expect(page.Locator("#thread-messages .message.theirs .message-body")).ToHaveTextAsync(["オフラインの間に届いたメッセージ"]);
        await Expect(page.Locator("#live-status")).ToBeHiddenAsync();
    }

    [Fact, Trait("Rule", "MSG-3"), Trait("Rule", "MSG-4")]
    public async Task Showing_a_tab_whose_connection_dropped_in_the_background_reconnects_at_once()
    {
        var seekerUser = await app.CreateUserAsync(Web.Features.Accounts.UserKind.Seeker);
        await using var seeker = await Person.SignInAsync(app, seekerUser);
        var page = seeker.Page;
        // The page's live socket goes through Playwright, so the test can cut it as a dropped network would.
        var sockets = new List<IWebSocketRoute>();
        await page.RouteWebSocketAsync("**/hubs/live**", socket =>
        {
            socket.ConnectToServer();
            lock (sockets) sockets.Add(socket);
        });
        await page.GotoAsync("/mypage");
        await seeker.WaitUntilLiveAsync();
        await SetHiddenAsync(page, true);
        // SignalR logs the cut as an error: what this test provokes.
        seeker.Expected = text => text.Contains("WebSocket closed with status code: 4000");

        IWebSocketRoute current;
        lock (sockets) current = sockets[^1];
        await current.CloseAsync(new() { Code = 4000, Reason = "network gone" });
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-live-state", "reconnecting");
        await SetHiddenAsync(page, false);

        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-live-state", "connected", new() { Timeout = Soon });
    }

    /// <summary>
    /// Headless Chromium keeps every tab visible, so the test tells the page what a browser tells
    /// it when the person switches tabs: document.visibilityState and a visibilitychange event.
    /// </summary>
    private static Task SetHiddenAsync(IPage page, bool hidden) => page.EvaluateAsync(@"hidden => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => hidden ? 'hidden' : 'visible' });
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
        document.dispatchEvent(new Event('visibilitychange'));
    }", hidden);
}

public sealed class ReconnectBrowserTestsOnSqlite(KestrelSqliteApp app) : ReconnectBrowserTests(app), IClassFixture<KestrelSqliteApp>;

public sealed class ReconnectBrowserTestsOnPostgres(KestrelPostgresApp app) : ReconnectBrowserTests(app), IClassFixture<KestrelPostgresApp>;
