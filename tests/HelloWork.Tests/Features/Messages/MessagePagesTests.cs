using System.Net;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Demo;
using HelloWork.Web.Features.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HelloWork.Tests.Features.Messages.Messaging;

namespace HelloWork.Tests.Features.Messages;

public abstract class MessagePagesTests(HelloWorkApp app)
{
    [Theory]
    [InlineData("/messages", "メッセージ", "Messages")]
    [InlineData("/messages/search?q=面接", "メッセージを検索", "Search messages")]
    [InlineData("/messages/settings", "メッセージの設定", "Message settings")]
    public async Task Every_messaging_page_shows_in_Japanese_and_in_English(string url, string ja, string en)
    {
        var p = await PairAsync(app);

        var japanese = await p.SeekerClient.PageAsync(url);
        var english = await p.SeekerClient.PageAsync(url + (url.Contains('?') ? "&" : "?") + "lang=en");

        Assert.Equal((HttpStatusCode.OK, ja), (japanese.Status, japanese.Text("main h1")));
        Assert.Equal((HttpStatusCode.OK, en), (english.Status, english.Text("main h1")));
        Assert.True(english.Has("#message-badge"));
        await p.SeekerClient.PageAsync("/messages?lang=ja");
    }

    [Fact]
    public async Task The_thread_page_has_a_labelled_send_box_and_a_polite_live_region_for_new_messages()
    {
        var p = await PairAsync(app);

        var page = await p.SeekerClient.PageAsync($"/messages/{p.ThreadId}");

        Assert.Equal("メッセージ（2,000文字まで）", page.Text("label[for=message-body]"));
        Assert.Equal("polite", page.Document.QuerySelector("#thread-messages")!.GetAttribute("aria-live"));
        Assert.Equal("HX-Request", page.Header("Vary"));
        Assert.Contains("/js/messages.js", page.Html);
    }

    [Fact, Trait("Rule", "MSG-6")]
    public async Task The_send_box_counts_what_is_left_and_cuts_nothing_the_server_refuses()
    {
        var p = await PairAsync(app);

        var page = await p.SeekerClient.PageAsync($"/messages/{p.ThreadId}");
        var refused = await SendAsync(p.SeekerClient, p.ThreadId, "\r\n" + new string('あ', 2001) + "  ");
        var english = await p.SeekerClient.PageAsync($"/messages/{p.ThreadId}?lang=en");
        await p.SeekerClient.PageAsync("/messages?lang=ja");

        var box = page.Document.QuerySelector("#message-body")!;
        Assert.Null(box.GetAttribute("maxlength"));
        Assert.Equal(("auto", "2000", "message-body-count"), (box.GetAttribute("dir"), box.GetAttribute("data-max"), box.GetAttribute("aria-describedby")));
        Assert.Equal("残り 2,000 文字", page.Text("#message-body-count"));
        Assert.Equal(("true", "polite"), (page.Document.QuerySelector("#message-body-count")!.GetAttribute("aria-hidden"),
            page.Document.QuerySelector("#message-body-count-live")!.GetAttribute("aria-live")));
        Assert.Equal("Characters left: 2,000", english.Text("#message-body-count"));
        // Counted as the rule counts (line ends and blanks at the ends do not count), refused with its reason, kept whole.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal("上限を 1 文字超えています", refused.Text("#message-body-count"));
        Assert.Equal("message-body-count message-body-error", refused.Document.QuerySelector("#message-body")!.GetAttribute("aria-describedby"));
        Assert.Equal(2001, refused.Document.QuerySelector("#message-body")!.TextContent.Trim().Length);
    }

    [Fact, Trait("Rule", "MSG-4")]
    public async Task The_thread_page_marks_the_persons_own_messages_with_their_key_and_keeps_a_place_for_unsent_ones()
    {
        var p = await PairAsync(app);
        await SendAsync(p.SeekerClient, p.ThreadId, "私のメッセージ", "seeker-key-1");
        await SendAsync(p.EmployerClient, p.ThreadId, "相手のメッセージ", "employer-key-1");

        var page = await p.SeekerClient.PageAsync($"/messages/{p.ThreadId}");

        Assert.Equal(["seeker-key-1", null], page.Document.QuerySelectorAll("#thread-messages li.message").Select(li => li.GetAttribute("data-key")));
        var unsent = page.Document.QuerySelector("#thread-unsent")!;
        Assert.True(unsent.HasAttribute("hidden"));
        Assert.Equal($"hw.unsent.{p.Seeker.Id}.{p.ThreadId}", unsent.GetAttribute("data-store"));
        Assert.Equal(("未送信", "取り消す"), (unsent.GetAttribute("data-text-unsent"), unsent.GetAttribute("data-text-cancel")));
        Assert.Contains("/js/unsent.js", page.Html);
    }

    [Fact]
    public async Task Names_titles_and_bodies_people_wrote_keep_their_direction_to_themselves()
    {
        var p = await PairAsync(app, title: "応募\u202Eについて");
        await SendAsync(p.EmployerClient, p.ThreadId, "abc\u202Etxt.exe");

        var thread = await p.SeekerClient.PageAsync($"/messages/{p.ThreadId}");
        var inbox = await p.SeekerClient.PageAsync("/messages");
        var search = await p.SeekerClient.PageAsync("/messages/search?q=abc");

        Assert.Equal("auto", thread.Document.QuerySelector("main h1")!.GetAttribute("dir"));
        Assert.Equal("BDI", thread.Document.QuerySelector(".meta .thread-with")!.TagName);
        Assert.Equal("BDI", thread.Document.QuerySelector(".message-meta .sender")!.TagName);
        Assert.Equal("BDI", thread.Document.QuerySelector(".site-user .user-name")!.TagName);
        var body = thread.Document.QuerySelector(".message-body")!;
        Assert.Equal(("auto", "\u202E"), (body.GetAttribute("dir"), body.QuerySelector("bdi.bidi-control")!.TextContent));
        Assert.Equal(["BDI", "BDI"], inbox.Document.QuerySelectorAll(".thread-row .thread-title, .thread-row .thread-with").Select(e => e.TagName));
        var hit = search.Document.QuerySelector(".hit-body")!;
        Assert.Equal(("auto", "abc\u202Etxt.exe"), (hit.GetAttribute("dir"), hit.TextContent));
        Assert.NotNull(hit.QuerySelector("bdi.bidi-control"));
    }

    [Fact, Trait("Rule", "MSG-1")]
    public async Task The_demo_data_opens_two_threads_between_seeker1_and_employer1()
    {
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(default);
        }

        var counts = await app.WithDbAsync(async db =>
        {
            var seeker = await db.Users.SingleAsync(u => u.Email == "seeker1@demo.hellowork.example");
            return await db.Set<MessageThread>().Where(t => t.SeekerId == seeker.Id).OrderBy(t => t.Id).Select(t => t.LastSeq).ToListAsync();
        });
        Assert.Equal([3L, 1L], counts);
    }
}

public sealed class MessagePagesTestsOnSqlite(SqliteApp app) : MessagePagesTests(app), IClassFixture<SqliteApp>;

public sealed class MessagePagesTestsOnPostgres(PostgresApp app) : MessagePagesTests(app), IClassFixture<PostgresApp>;
