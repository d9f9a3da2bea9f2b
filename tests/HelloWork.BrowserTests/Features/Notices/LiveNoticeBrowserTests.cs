using System.Diagnostics;
using HelloWork.BrowserTests.Infrastructure;
using HelloWork.Web.Features.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelloWork.BrowserTests.Features.Notices;

public abstract class LiveNoticeBrowserTests(HelloWorkApp app, string db)
{
    private static async Task FillNoticeAsync(Person staff, AppUser to, string title, string body)
    {
        await staff.Page.FillAsync("#notice-to", to.Email!);
        await staff.Page.FillAsync("#notice-title", title);
        await staff.Page.FillAsync("#notice-body", body);
    }

    /// <summary>Staff send a notice through the form and see it accepted.</summary>
    private static async Task SendNoticeAsync(Person staff, AppUser to, string title, string body = "本文")
    {
        await staff.Page.GotoAsync("/staff/notices/new");
        await FillNoticeAsync(staff, to, title, body);
        await staff.Page.ClickAsync("#send-notice button[type=submit]");
        await Expect(staff.Page.Locator("#send-notice .success")).ToContainTextAsync(to.Email!);
    }

    [Fact, Trait("Rule", "MSG-3")]
    public async Task A_notice_sent_by_staff_appears_on_the_seekers_open_page_without_a_reload()
    {
        var staffUser = await app.CreateUserAsync(UserKind.Staff, "職員 花子");
        var seekerUser = await app.CreateUserAsync(UserKind.Seeker, "山田 太郎");
        await using var staff = await Person.SignInAsync(app, staffUser);
        await using var seeker = await Person.SignInAsync(app, seekerUser);
        await Expect(seeker.Page.Locator("main h1")).ToHaveTextAsync("求職者マイページ");
        await seeker.WaitUntilLiveAsync();
        var loadsBefore = await seeker.Page.EvaluateAsync<int>("() => performance.getEntriesByType('navigation').length");
        seeker.Page.Load += (_, _) => Assert.Fail("the seeker's page reloaded");

        await staff.Page.GotoAsync("/staff/notices/new");
        await FillNoticeAsync(staff, seekerUser, "面接会のご案内（12月1日）", "ハローワーク新宿で面接会を開きます。");
        var clock = Stopwatch.StartNew();
        await staff.Page.ClickAsync("#send-notice button[type=submit]");

        var row = seeker.Page.Locator(".notice-row.unread .notice-title", new() { HasText = "面接会のご案内（12月1日）" });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 1_000 });
        var seen = clock.Elapsed;
        await Expect(seeker.Page.Locator(".site-nav .badge")).ToHaveTextAsync("1");
        await Expect(staff.Page.Locator("#send-notice .success")).ToContainTextAsync(seekerUser.Email!);
        Assert.True(seen < TimeSpan.FromSeconds(1), $"seen after {seen.TotalMilliseconds:F0} ms");
        Assert.Equal(loadsBefore, await seeker.Page.EvaluateAsync<int>("() => performance.getEntriesByType('navigation').length"));

        await staff.ScreenshotAsync($"notice-live-{db}-staff");
        await seeker.ScreenshotAsync($"notice-live-{db}-seeker");
        TestContext.Current.SendDiagnosticMessage($"[{db}] notice visible on the seeker's page {seen.TotalMilliseconds:F0} ms after staff clicked send");
    }

    [Fact, Trait("Rule", "MSG-3")]
    public async Task Reading_a_notice_in_one_tab_clears_it_in_the_other_tab_at_once()
    {
        var staffUser = await app.CreateUserAsync(UserKind.Staff);
        var seekerUser = await app.CreateUserAsync(UserKind.Seeker);
        await using var staff = await Person.SignInAsync(app, staffUser);
        await using var seeker = await Person.SignInAsync(app, seekerUser);
        var secondTab = await seeker.Context.NewPageAsync();
        await secondTab.GotoAsync("/notices");
        await seeker.WaitUntilLiveAsync();
        await seeker.WaitUntilLiveAsync(secondTab);

        await SendNoticeAsync(staff, seekerUser, "二つのタブ");
        await Expect(secondTab.Locator(".notice-row.unread")).ToHaveCountAsync(1, new() { Timeout = 2_000 });
        await Expect(seeker.Page.Locator(".site-nav .badge")).ToHaveTextAsync("1");

        await secondTab.ClickAsync(".notice-row a");
        await Expect(secondTab.Locator(".notice-body")).ToHaveTextAsync("本文");

        await Expect(seeker.Page.Locator(".notice-row.unread")).ToHaveCountAsync(0, new() { Timeout = 2_000 });
        await Expect(seeker.Page.Locator(".site-nav .badge")).ToHaveCountAsync(0);
    }

    [Fact, Trait("Rule", "MSG-3")]
    public async Task A_page_that_lost_its_connection_shows_what_it_missed_when_it_is_back()
    {
        var staffUser = await app.CreateUserAsync(UserKind.Staff);
        var seekerUser = await app.CreateUserAsync(UserKind.Seeker);
        await using var staff = await Person.SignInAsync(app, staffUser);
        await using var seeker = await Person.SignInAsync(app, seekerUser);
        // The page's live socket goes through the test, which can cut it and refuse reconnects.
        var online = true;
        IWebSocketRoute? socket = null;
        await seeker.Page.RouteWebSocketAsync("**/hubs/live**", ws =>
        {
            if (!online)
            {
                _ = ws.CloseAsync(new() { Code = 1006, Reason = "offline" });
                return;
            }
            ws.ConnectToServer();
            socket = ws;
        });
        // ... and its HTTP fallbacks (negotiate, server-sent events, long polling).
        await seeker.Page.RouteAsync("**/hubs/live**", route => online ? route.ContinueAsync() : route.AbortAsync());
        await seeker.Page.GotoAsync("/mypage");
        await seeker.WaitUntilLiveAsync();
        // The SignalR client logs the cut and the refused reconnects; the browser logs the aborted requests.
        seeker.Expected = text => text.Contains("WebSocket") || text.Contains("negotiat") || text.Contains("Failed to load resource") || text.Contains("Failed to fetch");
        online = false;
        await socket!.CloseAsync(new() { Code = 1006, Reason = "network lost" });
        await Expect(seeker.Page.Locator("body")).Not.ToHaveAttributeAsync("data-live-state", "connected", new() { Timeout = 10_000 });
        await Expect(seeker.Page.Locator("#live-status")).ToHaveTextAsync("接続が切れています。再接続しています…");

        await SendNoticeAsync(staff, seekerUser, "留守中のお知らせ1");
        await SendNoticeAsync(staff, seekerUser, "留守中のお知らせ2");
        await Expect(seeker.Page.Locator(".notice-row")).ToHaveCountAsync(0);

        online = true;

        await Expect(seeker.Page.Locator(".notice-row.unread .notice-title"))
            .ToHaveTextAsync(["留守中のお知らせ2", "留守中のお知らせ1"], new() { Timeout = 15_000 });
        await Expect(seeker.Page.Locator(".site-nav .badge")).ToHaveTextAsync("2");
        await Expect(seeker.Page.Locator("#live-status")).ToBeHiddenAsync();
    }

    [Fact, Trait("Rule", "BEY-9")]
    public async Task The_pages_fit_a_375px_phone_work_by_keyboard_and_pass_the_accessibility_checker()
    {
        var staffUser = await app.CreateUserAsync(UserKind.Staff);
        var seekerUser = await app.CreateUserAsync(UserKind.Seeker, "携帯 利用者");
        await using var staff = await Person.SignInAsync(app, staffUser);
        await using var phone = await Person.SignInAsync(app, seekerUser, width: 375, height: 740);
        await phone.WaitUntilLiveAsync();

        await SendNoticeAsync(staff, seekerUser, "とても長い件名でも携帯電話の画面からはみ出さずに折り返して表示されることを確認します");
        await Expect(phone.Page.Locator(".notice-row.unread")).ToHaveCountAsync(1, new() { Timeout = 2_000 });

        var overflow = await phone.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone");
        await phone.ScreenshotAsync($"notice-live-{db}-phone");
        Assert.Empty(await phone.AccessibilityViolationsAsync());
        await phone.Page.GotoAsync("/notices");
        Assert.Empty(await phone.AccessibilityViolationsAsync());
        await staff.Page.GotoAsync("/staff/notices/new");
        Assert.Empty(await staff.AccessibilityViolationsAsync());
        await phone.Page.GotoAsync("/mypage");
        await phone.WaitUntilLiveAsync();

        // Keyboard: the first Tab reaches the skip link, and Enter on the focused notice opens it.
        await phone.Page.Keyboard.PressAsync("Tab");
        await Expect(phone.Page.Locator("a.skip-link")).ToBeFocusedAsync();
        await phone.Page.Locator(".notice-row a").FocusAsync();
        await phone.Page.Keyboard.PressAsync("Enter");
        await Expect(phone.Page.Locator(".notice-body")).ToHaveTextAsync("本文");
    }
}

public sealed class LiveNoticeBrowserTestsOnSqlite(KestrelSqliteApp app) : LiveNoticeBrowserTests(app, "sqlite"), IClassFixture<KestrelSqliteApp>;

public sealed class LiveNoticeBrowserTestsOnPostgres(KestrelPostgresApp app) : LiveNoticeBrowserTests(app, "postgres"), IClassFixture<KestrelPostgresApp>;
