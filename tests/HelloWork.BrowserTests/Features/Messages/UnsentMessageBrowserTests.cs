using HelloWork.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelloWork.BrowserTests.Features.Messages;

/// <summary>
/// A message sent while the page cannot reach the server is not lost, not left in the box as if
/// sent, and not sent twice: it shows in the thread as 未送信, is sent by itself with its key when
/// the connection is back (stored once, in order), or is cancelled by the person (wwwroot/js/unsent.js).
/// </summary>
public abstract class UnsentMessageBrowserTests(HelloWorkApp app)
{
    [Fact, Trait("Rule", "MSG-4")]
    public async Task Messages_sent_with_no_network_show_as_not_sent_and_are_stored_once_in_order_when_it_returns()
    {
        var talk = await Conversation.StartAsync(app);
        await using var seeker = await Person.SignInAsync(app, talk.Seeker);
        var page = seeker.Page;
        await page.GotoAsync($"/messages/{talk.ThreadId}");
        await seeker.WaitUntilLiveAsync();
        var unsent = page.Locator("#thread-unsent li.unsent");

        await seeker.Context.SetOfflineAsync(true);
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-live-state", "offline");
        await Conversation.SendAsync(seeker, "1通目：面接の日程についてご相談です。");
        await Conversation.SendAsync(seeker, "2通目：よろしくお願いいたします。");
        await Conversation.SendAsync(seeker, "3通目：やはり取り消します。");

        await Expect(unsent.Locator(".message-body")).ToHaveTextAsync(["1通目：面接の日程についてご相談です。", "2通目：よろしくお願いいたします。", "3通目：やはり取り消します。"]);
        await Expect(unsent.Locator(".unsent-mark")).ToHaveTextAsync(["未送信", "未送信", "未送信"]);
        await Expect(unsent.First.Locator(".message-state")).ToContainTextAsync("接続が戻ると自動で送信します。");
        await Expect(page.Locator("#message-body")).ToHaveValueAsync("");
        await Expect(page.Locator("#thread-messages li.message")).ToHaveCountAsync(0);

        // The person changes their mind about the third one.
        await unsent.Nth(2).Locator(".unsent-cancel").ClickAsync();
        await Expect(unsent).ToHaveCountAsync(2);
        Assert.Empty(await talk.StoredAsync(app));

        await seeker.Context.SetOfflineAsync(false);

        await Expect(page.Locator("#thread-messages .message.mine .message-body")).ToHaveTextAsync(["1通目：面接の日程についてご相談です。", "2通目：よろしくお願いいたします。"]);
        await Expect(unsent).ToHaveCountAsync(0);
        await Expect(page.Locator("#thread-unsent")).ToBeHiddenAsync();
        Assert.Equal(["1通目：面接の日程についてご相談です。", "2通目：よろしくお願いいたします。"], await talk.StoredAsync(app));

        // Nothing is left to send after a reload either.
        await page.ReloadAsync();
        await Expect(page.Locator("#thread-messages li.message")).ToHaveCountAsync(2);
        await Expect(unsent).ToHaveCountAsync(0);
        Assert.Equal(2, (await talk.StoredAsync(app)).Length);
    }

    [Fact, Trait("Rule", "MSG-4")]
    public async Task An_unsent_message_stays_through_a_reload_and_is_stored_once_when_the_server_answers_again()
    {
        var talk = await Conversation.StartAsync(app);
        await using var seeker = await Person.SignInAsync(app, talk.Seeker);
        var page = seeker.Page;
        await page.GotoAsync($"/messages/{talk.ThreadId}");
        await seeker.WaitUntilLiveAsync();
        var unsent = page.Locator("#thread-unsent li.unsent");
        // The sends that cannot get through are logged by Chromium and htmx: what this test provokes.
        seeker.Expected = text => text.Contains("ERR_FAILED") || text.Contains("htmx:sendError") || text.Contains("htmx:afterRequest");
        var down = true;
        var keys = new List<string>();
        await page.RouteAsync($"**/messages/{talk.ThreadId}", async route =>
        {
            if (route.Request.Method == "POST")
            {
                var key = System.Web.HttpUtility.ParseQueryString(route.Request.PostData ?? "")["Key"] ?? "";
                lock (keys) keys.Add(key);
                if (Volatile.Read(ref down)) { await route.AbortAsync(); return; }
            }
            await route.ContinueAsync();
        });

        await Conversation.SendAsync(seeker, "再読み込みしても消えないメッセージ");
        await Expect(unsent.Locator(".unsent-mark")).ToHaveTextAsync(["未送信"]);
        await Expect(page.Locator("#message-body")).ToHaveValueAsync("");

        await page.ReloadAsync();
        await Expect(unsent.Locator(".message-body")).ToHaveTextAsync(["再読み込みしても消えないメッセージ"]);
        await Expect(unsent.Locator(".unsent-mark")).ToHaveTextAsync(["未送信"]);
        await Expect(page.Locator("#message-body")).ToHaveValueAsync("");
        Assert.Empty(await talk.StoredAsync(app));

        // The server answers again; the network coming back is the signal to send now.
        Volatile.Write(ref down, false);
        await seeker.Context.SetOfflineAsync(true);
        await seeker.Context.SetOfflineAsync(false);

        await Expect(page.Locator("#thread-messages .message.mine .message-body")).ToHaveTextAsync(["再読み込みしても消えないメッセージ"]);
        await Expect(unsent).ToHaveCountAsync(0);
        Assert.Equal(["再読み込みしても消えないメッセージ"], await talk.StoredAsync(app));
        // Every try, from the box, after the reload and when the network came back, carried the same key.
        lock (keys) Assert.True(keys.Count >= 3 && keys.Distinct().Count() == 1, string.Join(", ", keys));
    }
}

public sealed class UnsentMessageBrowserTestsOnSqlite(KestrelSqliteApp app) : UnsentMessageBrowserTests(app), IClassFixture<KestrelSqliteApp>;

public sealed class UnsentMessageBrowserTestsOnPostgres(KestrelPostgresApp app) : UnsentMessageBrowserTests(app), IClassFixture<KestrelPostgresApp>;
