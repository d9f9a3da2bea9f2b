using HelloWork.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelloWork.BrowserTests.Features.Messages;

/// <summary>What the send box and the thread show of what people typed: a count of what is left,
/// nothing cut silently, and text that cannot rearrange what follows it.</summary>
public abstract class SendBoxBrowserTests(HelloWorkApp app)
{
    private const string Override = "\u202E";

    [Fact, Trait("Rule", "MSG-6")]
    public async Task The_box_counts_what_is_left_and_a_paste_of_2001_characters_is_kept_whole_and_refused_with_its_reason()
    {
        var talk = await Conversation.StartAsync(app);
        await using var seeker = await Person.SignInAsync(app, talk.Seeker);
        var page = seeker.Page;
        await page.GotoAsync($"/messages/{talk.ThreadId}");
        var box = page.Locator("#message-body");
        var count = page.Locator("#message-body-count");
        var spoken = page.Locator("#message-body-count-live");

        await Expect(count).ToHaveTextAsync("残り 2,000 文字");
        Assert.Null(await box.GetAttributeAsync("maxlength")); // nothing cuts a paste short
        await Expect(box).ToHaveAttributeAsync("aria-describedby", "message-body-count");
        await Expect(spoken).ToHaveAttributeAsync("aria-live", "polite");
        await box.PressSequentiallyAsync("こんにちは");
        await Expect(count).ToHaveTextAsync("残り 1,995 文字");

        var paste = string.Concat(Enumerable.Repeat("面接の件、承知しました。", 200))[..2001];
        await box.FillAsync("");
        await box.FocusAsync();
        await page.Keyboard.InsertTextAsync(paste); // what a paste does: the whole text in one input

        await Expect(box).ToHaveValueAsync(paste);
        await Expect(count).ToHaveTextAsync("上限を 1 文字超えています");
        await Expect(count).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bover\b"));
        // A screen reader hears it once typing pauses, near the limit or over it.
        await Expect(spoken).ToHaveTextAsync("上限を 1 文字超えています");

        await page.ClickAsync("#send-box button[type=submit]");
        await Expect(page.Locator("#message-body-error")).ToHaveTextAsync("メッセージは2,000文字以内で入力してください。");
        await Expect(box).ToHaveValueAsync(paste);
        await Expect(count).ToHaveTextAsync("上限を 1 文字超えています");
        Assert.Empty(await talk.StoredAsync(app));

        await box.FillAsync(paste[..2000]);
        await Expect(count).ToHaveTextAsync("残り 0 文字");
        await page.ClickAsync("#send-box button[type=submit]");
        await Expect(page.Locator("#thread-messages .message.mine")).ToHaveCountAsync(1);
        await Expect(count).ToHaveTextAsync("残り 2,000 文字");
        Assert.Equal([paste[..2000]], await talk.StoredAsync(app));

        await page.GotoAsync($"/messages/{talk.ThreadId}?lang=en");
        await Expect(count).ToHaveTextAsync("Characters left: 2,000");
    }

    [Fact]
    public async Task A_right_to_left_override_in_a_message_or_a_name_reorders_nothing_after_it()
    {
        var spoof = $"abc{Override}txt.exe";
        var talk = await Conversation.StartAsync(app, employerName: $"採用{Override}担当");
        await using (var employer = await Person.SignInAsync(app, talk.Employer))
        {
            await employer.Page.GotoAsync($"/messages/{talk.ThreadId}");
            await Conversation.SendAsync(employer, spoof);
            await Expect(employer.Page.Locator("#thread-messages .message.mine")).ToHaveCountAsync(1);
            await employer.WaitUntilLiveAsync();
        }
        await using var seeker = await Person.SignInAsync(app, talk.Seeker);
        var page = seeker.Page;
        await page.GotoAsync($"/messages/{talk.ThreadId}");

        var message = page.Locator("#thread-messages .message-body").First;
        await Expect(message).ToHaveTextAsync(spoof); // the text itself is what was sent
        Assert.Equal("abctxt.exe", await ReadingOrderAsync(message));
        Assert.Equal("auto", await message.GetAttributeAsync("dir"));
        Assert.Equal("plaintext", await message.EvaluateAsync<string>("e => getComputedStyle(e).unicodeBidi"));

        // The sender's name keeps its override to itself: the time after it reads as it should.
        var meta = page.Locator("#thread-messages .message-meta").First;
        Assert.Equal("isolate", await meta.Locator(".sender").EvaluateAsync<string>("e => getComputedStyle(e).unicodeBidi"));
        var time = await meta.Locator("time").TextContentAsync();
        Assert.Equal(time, await ReadingOrderAsync(meta.Locator("time")));
        Assert.Equal("isolate", await page.Locator(".site-user .user-name").EvaluateAsync<string>("e => getComputedStyle(e).unicodeBidi"));

        // A copy waiting to be sent, drawn by the page script, reads the same way.
        await seeker.WaitUntilLiveAsync();
        await seeker.Context.SetOfflineAsync(true);
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-live-state", "offline");
        await Conversation.SendAsync(seeker, spoof);
        var unsent = page.Locator("#thread-unsent .message-body");
        await Expect(unsent).ToHaveTextAsync([spoof]);
        Assert.Equal("abctxt.exe", await ReadingOrderAsync(unsent));
        await page.ClickAsync("#thread-unsent .unsent-cancel");
        await Expect(unsent).ToHaveCountAsync(0);
        await seeker.Context.SetOfflineAsync(false);
    }

    /// <summary>The element's letters as they appear on screen, left to right (one line), direction controls left out.</summary>
    private static Task<string> ReadingOrderAsync(ILocator element) => element.EvaluateAsync<string>(@"el => {
        const letters = [];
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.data.length; i++) {
                if (/[\u202A-\u202E\u2066-\u2069]/.test(node.data[i])) continue;
                const range = document.createRange();
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                letters.push([range.getBoundingClientRect().left, node.data[i]]);
            }
        }
        return letters.sort((a, b) => a[0] - b[0]).map(l => l[1]).join('');
    }");
}

public sealed class SendBoxBrowserTestsOnSqlite(KestrelSqliteApp app) : SendBoxBrowserTests(app), IClassFixture<KestrelSqliteApp>;

public sealed class SendBoxBrowserTestsOnPostgres(KestrelPostgresApp app) : SendBoxBrowserTests(app), IClassFixture<KestrelPostgresApp>;
