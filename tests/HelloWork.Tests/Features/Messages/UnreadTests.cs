using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Messages;
using static HelloWork.Tests.Features.Messages.Messaging;

namespace HelloWork.Tests.Features.Messages;

public abstract class UnreadTests(HelloWorkApp app)
{
    private static async Task<string[]> BadgeAsync(UserClient client) =>
        (await client.PageAsync("/messages/badge", htmx: true)).Texts(".badge").ToArray();

    [Fact, Trait("Rule", "BEY-8")]
    public async Task The_inbox_lists_threads_newest_first_with_unread_counts_per_application_and_the_badge_sums_them()
    {
        var p = await PairAsync(app, "応募A");
        var second = await OpenAsync(app, p.Seeker.Id, p.Establishment.Id, "応募B");
        await SendAsync(p.SeekerClient, p.ThreadId, "Aの一通目");
        await SendAsync(p.SeekerClient, p.ThreadId, "Aの二通目");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await SendAsync(p.SeekerClient, second.Id, "Bの一通目");

        var list = await p.EmployerClient.PageAsync("/messages/list", htmx: true);

        Assert.Equal(["応募B", "応募A"], list.Texts(".thread-row .thread-title"));
        Assert.Equal(["1", "2"], list.Texts(".thread-row .unread-mark"));
        Assert.Equal(["3"], await BadgeAsync(p.EmployerClient));
        Assert.Empty(await BadgeAsync(p.SeekerClient)); // one's own messages are not unread
        var perApplication = await p.EmployerClient.PageAsync($"/messages/badge?subject=Application&subjectId={second.SubjectId}", htmx: true);
        Assert.Equal("1", perApplication.Text(".badge"));
    }

    [Fact, Trait("Rule", "MSG-3")]
    public async Task Opening_the_thread_reads_it_and_clears_its_count()
    {
        var p = await PairAsync(app);
        await SendAsync(p.SeekerClient, p.ThreadId, "読んでください");

        await p.EmployerClient.PageAsync($"/messages/{p.ThreadId}");

        Assert.Empty(await BadgeAsync(p.EmployerClient));
        Assert.False((await p.EmployerClient.PageAsync("/messages/list", htmx: true)).Has(".thread-row.unread"));
    }

    [Fact, Trait("Rule", "BEY-8")]
    public async Task Anyone_can_mark_a_thread_unread_again()
    {
        var p = await PairAsync(app);
        await SendAsync(p.EmployerClient, p.ThreadId, "結果のご連絡");
        await p.SeekerClient.PageAsync($"/messages/{p.ThreadId}");
        Assert.Empty(await BadgeAsync(p.SeekerClient));

        using var response = await p.SeekerClient.PostFormAsync($"/messages/{p.ThreadId}/unread", [], formPage: "/messages/settings");

        Assert.Equal("/messages", response.Headers.GetValues("HX-Redirect").Single());
        Assert.Equal(["1"], await BadgeAsync(p.SeekerClient));
        Assert.True((await p.SeekerClient.PageAsync("/messages/list", htmx: true)).Has(".thread-row.unread"));
    }

    [Fact, Trait("Rule", "BEY-3")]
    public async Task The_sender_sees_sent_then_delivered_then_read()
    {
        var p = await PairAsync(app);
        await SendAsync(p.EmployerClient, p.ThreadId, "面接日のご案内");
        async Task<string> StateAsync() => (await p.EmployerClient.PageAsync($"/messages/{p.ThreadId}/state", htmx: true)).Text(".delivery-state");

        Assert.Equal("送信済み", await StateAsync());
        await BadgeAsync(p.SeekerClient); // the seeker's page fetched its counts: the message reached their device
        Assert.Equal("配信済み", await StateAsync());
        await p.SeekerClient.PageAsync($"/messages/{p.ThreadId}");
        Assert.Equal("既読", await StateAsync());

        await SendAsync(p.EmployerClient, p.ThreadId, "持ち物のご案内");
        var page = await p.EmployerClient.PageAsync($"/messages/{p.ThreadId}");
        Assert.Equal(["既読", "送信済み"], page.Texts(".message.mine .message-state"));
        Assert.Equal("1", page.Document.QuerySelector("#thread-state .delivery-marks")!.GetAttribute("data-read"));
    }

    [Theory, Trait("Rule", "BEY-3")]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Read_shows_only_where_both_sides_allow_read_receipts(bool senderTurnsThemOff)
    {
        var p = await PairAsync(app);
        var who = senderTurnsThemOff ? p.EmployerClient : p.SeekerClient;
        var saved = await who.PostFormPageAsync("/messages/settings", [new("DigestOptIn", "false")], formPage: "/messages/settings");
        Assert.Equal("設定を保存しました。", saved.Text(".success"));
        await SendAsync(p.EmployerClient, p.ThreadId, "ご確認ください");

        await p.SeekerClient.PageAsync($"/messages/{p.ThreadId}");

        Assert.Equal("配信済み", (await p.EmployerClient.PageAsync($"/messages/{p.ThreadId}/state", htmx: true)).Text(".delivery-state"));
    }
}

public sealed class UnreadTestsOnSqlite(SqliteApp app) : UnreadTests(app), IClassFixture<SqliteApp>;

public sealed class UnreadTestsOnPostgres(PostgresApp app) : UnreadTests(app), IClassFixture<PostgresApp>;
