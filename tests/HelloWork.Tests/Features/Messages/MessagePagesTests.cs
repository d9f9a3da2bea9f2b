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
