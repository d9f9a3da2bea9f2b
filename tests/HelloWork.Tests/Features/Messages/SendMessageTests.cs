using System.Net;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Messages;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Messages.Messaging;

namespace HelloWork.Tests.Features.Messages;

public abstract class SendMessageTests(HelloWorkApp app)
{
    [Fact, Trait("Rule", "MSG-1")]
    public async Task A_seeker_and_an_employer_write_to_each_other_in_the_thread_of_an_application()
    {
        var p = await PairAsync(app);

        var sent = await SendAsync(p.EmployerClient, p.ThreadId, "面接の日程を調整させてください。");
        await SendAsync(p.SeekerClient, p.ThreadId, "平日の午前なら伺えます。");

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Equal("message-sent", sent.Header("HX-Trigger"));
        Assert.Equal("", sent.Document.QuerySelector("#message-body")!.TextContent);
        var seekerView = await p.SeekerClient.PageAsync($"/messages/{p.ThreadId}");
        Assert.Equal(["面接の日程を調整させてください。", "平日の午前なら伺えます。"], seekerView.Texts("#thread-messages .message-body"));
        Assert.Equal(["1", "2"], seekerView.Document.QuerySelectorAll("#thread-messages li.message").Select(li => li.GetAttribute("data-seq")!));
        Assert.Equal(["平日の午前なら伺えます。"], seekerView.Texts(".message.mine .message-body"));
        var employerView = await p.EmployerClient.PageAsync($"/messages/{p.ThreadId}");
        Assert.Equal(["面接の日程を調整させてください。"], employerView.Texts(".message.mine .message-body"));
        Assert.Contains("山田 花子", employerView.Text(".meta"));
    }

    [Fact, Trait("Rule", "MSG-1")]
    public async Task Every_login_of_the_establishment_takes_part_in_its_threads()
    {
        var p = await PairAsync(app);
        var colleague = await EmployerAsync(app, p.Establishment.Id, "同僚 担当");
        var colleagueClient = await app.SignInAsync(colleague);

        await SendAsync(colleagueClient, p.ThreadId, "担当が代わりました。");

        Assert.Equal(["担当が代わりました。"], (await p.SeekerClient.PageAsync($"/messages/{p.ThreadId}")).Texts(".message-body"));
        Assert.Equal(["担当が代わりました。"], (await p.EmployerClient.PageAsync($"/messages/{p.ThreadId}")).Texts(".message.mine .message-body"));
    }

    [Fact, Trait("Rule", "MSG-4")]
    public async Task The_same_send_retried_with_its_key_is_stored_once()
    {
        var p = await PairAsync(app);
        var key = Guid.NewGuid().ToString("N");

        var first = await SendAsync(p.SeekerClient, p.ThreadId, "一度だけ届くはず", key);
        var retry = await SendAsync(p.SeekerClient, p.ThreadId, "一度だけ届くはず", key);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.Status, retry.Status));
        Assert.Equal(["一度だけ届くはず"], await BodiesAsync(app, p.ThreadId));
    }

    [Fact, Trait("Rule", "MSG-4")]
    public async Task Messages_sent_at_the_same_time_from_both_sides_get_distinct_sequence_numbers_without_gaps()
    {
        var p = await PairAsync(app);

        var sends = Enumerable.Range(1, 12).Select(i => SendAsync(i % 2 == 0 ? p.SeekerClient : p.EmployerClient, p.ThreadId, $"同時{i}"));
        var pages = await Task.WhenAll(sends);

        Assert.All(pages, page => Assert.Equal(HttpStatusCode.OK, page.Status));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), await SeqsAsync(app, p.ThreadId));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"同時{i}").Order(), (await BodiesAsync(app, p.ThreadId)).Order());
    }

    [Fact, Trait("Rule", "MSG-4")]
    public async Task The_thread_fragment_after_a_sequence_number_returns_only_newer_messages_in_order()
    {
        var p = await PairAsync(app);
        for (var i = 1; i <= 5; i++) await SendAsync(p.EmployerClient, p.ThreadId, $"連絡{i}");

        var after3 = await p.SeekerClient.PageAsync($"/messages/{p.ThreadId}/messages?after=3", htmx: true);
        var after5 = await p.SeekerClient.PageAsync($"/messages/{p.ThreadId}/messages?after=5", htmx: true);

        Assert.Equal(["連絡4", "連絡5"], after3.Texts(".message-body"));
        Assert.Equal(["4", "5"], after3.Document.QuerySelectorAll("li.message").Select(li => li.GetAttribute("data-seq")!));
        Assert.Empty(after5.Texts(".message-body"));
    }

    [Fact]
    public async Task The_thread_opens_at_the_newest_messages_and_loads_older_ones_a_page_at_a_time()
    {
        var p = await PairAsync(app);
        var total = ShowThread.PageSize + 3;
        for (var i = 1; i <= total; i++) await SendAsync(p.EmployerClient, p.ThreadId, $"M{i}");

        var page = await p.SeekerClient.PageAsync($"/messages/{p.ThreadId}");
        var shown = page.Texts(".message-body").ToList();
        Assert.Equal(ShowThread.PageSize, shown.Count);
        Assert.Equal(("M4", $"M{total}"), (shown[0], shown[^1]));
        var older = page.Document.QuerySelector("#thread-messages .more button")!.GetAttribute("hx-get")!;
        var rest = await p.SeekerClient.PageAsync(older, htmx: true);
        Assert.Equal(["M1", "M2", "M3"], rest.Texts(".message-body"));
        Assert.False(rest.Has(".more"));
    }

    [Fact]
    public async Task Script_in_a_message_is_shown_as_text_and_links_as_links()
    {
        var p = await PairAsync(app);

        await SendAsync(p.SeekerClient, p.ThreadId, "<script>alert('x')</script> 地図 https://example.jp/map");

        var page = await p.EmployerClient.PageAsync($"/messages/{p.ThreadId}");
        Assert.DoesNotContain("<script>alert", page.Html);
        Assert.Contains("&lt;script&gt;", page.Html);
        Assert.Equal("https://example.jp/map", page.Document.QuerySelector(".message-body a")!.GetAttribute("href"));
    }

    [Fact, Trait("Rule", "MSG-6")]
    public async Task A_seeker_whose_registration_expired_is_told_why_where_they_typed_and_keeps_the_draft()
    {
        var p = await PairAsync(app);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == p.Seeker.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.RegistrationValidUntil, app.Clock.UtcNow.AddDays(-1))));

        var page = await SendAsync(p.SeekerClient, p.ThreadId, "下書きの文章");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains("求職登録の有効期限が切れている", page.Text("#message-body-error"));
        Assert.Equal("下書きの文章", page.Document.QuerySelector("#message-body")!.TextContent);
        Assert.Equal("true", page.Document.QuerySelector("#message-body")!.GetAttribute("aria-invalid"));
        Assert.Empty(await SeqsAsync(app, p.ThreadId));
    }

    [Fact, Trait("Rule", "MSG-6")]
    public async Task A_closed_thread_refuses_with_a_clear_reason()
    {
        var p = await PairAsync(app);
        await app.WithDbAsync(async db =>
        {
            (await db.Set<MessageThread>().SingleAsync(t => t.Id == p.ThreadId)).Close(app.Clock.UtcNow);
            await db.SaveChangesAsync();
        });

        var thread = await p.EmployerClient.PageAsync($"/messages/{p.ThreadId}");
        var page = await SendAsync(p.EmployerClient, p.ThreadId, "追加のご連絡");

        Assert.Equal("このスレッドは終了しているため、送信できません。", thread.Text("#thread-refusal"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal("このスレッドは終了しているため、送信できません。", page.Text("#message-body-error"));
        Assert.Equal("追加のご連絡", page.Document.QuerySelector("#message-body")!.TextContent);
        Assert.Empty(await SeqsAsync(app, p.ThreadId));
    }

    [Fact, Trait("Rule", "MSG-6")]
    public async Task An_establishment_the_seeker_blocked_cannot_send_and_is_told_so_while_the_seeker_still_can()
    {
        var p = await PairAsync(app);
        await app.WithDbAsync(async db => { db.Add(Block.Create(p.Seeker.Id, p.Establishment.Id, app.Clock.UtcNow)); await db.SaveChangesAsync(); });

        var refused = await SendAsync(p.EmployerClient, p.ThreadId, "ご検討ください");
        Assert.Contains("受け付けていない", (await p.EmployerClient.PageAsync($"/messages/{p.ThreadId}")).Text("#thread-refusal"));
        Assert.False((await p.SeekerClient.PageAsync($"/messages/{p.ThreadId}")).Has("#thread-refusal"));
        var allowed = await SendAsync(p.SeekerClient, p.ThreadId, "辞退します");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("受け付けていない", refused.Text("#message-body-error"));
        Assert.Equal(HttpStatusCode.OK, allowed.Status);
        Assert.Equal(["辞退します"], await BodiesAsync(app, p.ThreadId));
    }

    [Fact, Trait("Rule", "MSG-6")]
    public async Task The_refusal_is_in_English_when_English_was_chosen()
    {
        var p = await PairAsync(app);
        await p.EmployerClient.PageAsync("/messages?lang=en");

        var page = await SendAsync(p.EmployerClient, p.ThreadId, new string('a', 2001));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal("A message can be at most 2,000 characters.", page.Text("#message-body-error"));
    }

    [Fact, Trait("Rule", "MSG-5")]
    public async Task A_thread_not_open_yet_refuses_and_opens_by_itself_when_its_time_comes()
    {
        var est = await EstablishmentAsync(app);
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);
        var thread = await OpenAsync(app, seeker.Id, est.Id, opensAt: app.Clock.UtcNow.AddYears(1));

        var refused = await SendAsync(client, thread.Id, "応募の件で質問です");
        app.Clock.Advance(MessageThread.LongestWaitToOpen);
        client = await app.SignInAsync(seeker); // a day later the sign-in has expired; the thread has not stayed closed
        var accepted = await SendAsync(client, thread.Id, "応募の件で質問です");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("応募の処理中", refused.Text("#message-body-error"));
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal(["応募の件で質問です"], await BodiesAsync(app, thread.Id));
    }

    [Fact, Trait("Rule", "MSG-1")]
    public async Task Opening_the_thread_of_the_same_subject_twice_gives_the_same_thread()
    {
        var est = await EstablishmentAsync(app);
        var seeker = await app.CreateUserAsync(UserKind.Seeker);

        var ids = await app.WithDbAsync(async db => new[]
        {
            (await OpenThread.ForAsync(db, ThreadSubject.Application, "application-42", "応募", new(seeker.Id, est.Id), app.Clock.UtcNow)).Id,
            (await OpenThread.ForAsync(db, ThreadSubject.Application, "application-42", "応募", new(seeker.Id, est.Id), app.Clock.UtcNow)).Id,
        });

        Assert.Equal(ids[0], ids[1]);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<MessageThread>().CountAsync(t => t.SubjectId == "application-42")));
    }
}

public sealed class SendMessageTestsOnSqlite(SqliteApp app) : SendMessageTests(app), IClassFixture<SqliteApp>;

public sealed class SendMessageTestsOnPostgres(PostgresApp app) : SendMessageTests(app), IClassFixture<PostgresApp>;
