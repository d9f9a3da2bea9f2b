using System.Net;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Audit;
using HelloWork.Web.Features.Notices;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Tests.Features.Notices;

public abstract class SendNoticeTests(HelloWorkApp app)
{
    public static KeyValuePair<string, string>[] Fields(string to, string title = "面接会のご案内", string body = "12月1日に面接会があります。", bool mail = false) =>
    [
        new("RecipientEmail", to), new("Title", title), new("Body", body), .. mail ? new[] { new KeyValuePair<string, string>("AlsoMail", "true") } : [],
    ];

    [Fact, Trait("Rule", "MSG-2")]
    public async Task A_staff_notice_shows_in_the_seekers_list_and_badge_as_unread()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var (seeker, seekerClient) = await app.SignedInAsync(UserKind.Seeker);

        var sent = await staff.PostFormPageAsync("/staff/notices", Fields(seeker.Email!), formPage: "/staff/notices/new");

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Contains(seeker.Email!, sent.Text(".success"));
        Assert.Equal("notice-sent", sent.Header("HX-Trigger"));
        var list = await seekerClient.PageAsync("/notices/list", htmx: true);
        Assert.Equal(["面接会のご案内"], list.Texts(".notice-row.unread .notice-title"));
        var badge = await seekerClient.PageAsync("/notices/badge", htmx: true);
        Assert.Equal("1", badge.Text(".badge"));
    }

    [Fact, Trait("Rule", "MSG-2")]
    public async Task Opening_a_notice_shows_it_marks_it_read_and_clears_the_badge()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var (seeker, seekerClient) = await app.SignedInAsync(UserKind.Employer);
        await staff.PostFormAsync("/staff/notices", Fields(seeker.Email!, body: "一行目\n二行目"), formPage: "/staff/notices/new");
        var id = long.Parse((await seekerClient.PageAsync("/notices")).Document.QuerySelector(".notice-row")!.GetAttribute("data-notice-id")!);

        var shown = await seekerClient.PageAsync($"/notices/{id}");

        Assert.Equal(HttpStatusCode.OK, shown.Status);
        Assert.Equal("一行目\n二行目", shown.Text(".notice-body"));
        Assert.Empty((await seekerClient.PageAsync("/notices/badge", htmx: true)).Texts(".badge"));
        Assert.Equal(["既読"], (await seekerClient.PageAsync("/notices/list", htmx: true)).Texts(".read-mark"));
        var readAt = await app.WithDbAsync(db => db.Set<Notice>().Where(n => n.Id == id).Select(n => n.ReadAt).SingleAsync());
        Assert.Equal(app.Clock.UtcNow, readAt);
    }

    [Fact, Trait("Rule", "MSG-2")]
    public async Task Another_person_gets_404_for_a_notice_that_is_not_theirs()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var (seeker, seekerClient) = await app.SignedInAsync(UserKind.Seeker);
        var (_, stranger) = await app.SignedInAsync(UserKind.Seeker);
        await staff.PostFormAsync("/staff/notices", Fields(seeker.Email!), formPage: "/staff/notices/new");
        var id = long.Parse((await seekerClient.PageAsync("/notices")).Document.QuerySelector(".notice-row")!.GetAttribute("data-notice-id")!);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PageAsync($"/notices/{id}")).Status);
        Assert.Empty((await stranger.PageAsync("/notices/list", htmx: true)).Texts(".notice-row"));
        var unread = await app.WithDbAsync(db => db.Set<Notice>().Where(n => n.Id == id).Select(n => n.ReadAt).SingleAsync());
        Assert.Null(unread);
    }

    [Theory, Trait("Rule", "MSG-2")]
    [InlineData(UserKind.Seeker)]
    [InlineData(UserKind.Employer)]
    public async Task Seekers_and_employers_cannot_reach_the_staff_pages(UserKind kind)
    {
        var (_, client) = await app.SignedInAsync(kind);
        var victim = await app.CreateUserAsync(UserKind.Seeker);

        Assert.Equal(HttpStatusCode.NotFound, (await client.PageAsync("/staff/notices/new")).Status);
        using var post = await client.PostFormAsync("/staff/notices", Fields(victim.Email!), formPage: "/notices");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Notice>().CountAsync(n => n.RecipientId == victim.Id)));
    }

    [Fact, Trait("Rule", "MSG-2")]
    public async Task Staff_cannot_open_a_persons_notices_as_if_they_were_the_recipient()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);

        Assert.Equal(HttpStatusCode.NotFound, (await staff.PageAsync("/notices")).Status);
    }

    [Theory]
    [InlineData("", "件名", "本文", "RecipientEmail", "入力してください。")]
    [InlineData("seeker @example.jp", "件名", "本文", "RecipientEmail", "メールアドレスの形式が正しくありません（空白は使えません）。")]
    [InlineData("nobody@example.jp", "件名", "本文", "RecipientEmail", "このメールアドレスの求職者・求人者は見つかりません。")]
    [InlineData("{seeker}", "", "本文", "Title", "入力してください。")]
    [InlineData("{seeker}", "件名", "   ", "Body", "入力してください。")]
    [InlineData("{seeker}", "{long-title}", "本文", "Title", "100文字以内で入力してください（現在101文字）。")]
    public async Task Bad_input_gets_a_clear_Japanese_message_and_keeps_what_was_typed(string to, string title, string body, string field, string message)
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var seeker = await app.CreateUserAsync(UserKind.Seeker);
        to = to.Replace("{seeker}", seeker.Email);
        title = title.Replace("{long-title}", new string('長', 101));

        var page = await staff.PostFormPageAsync("/staff/notices", Fields(to, title, body), formPage: "/staff/notices/new");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal(message, page.Text($"#{Ids[field]}-error"));
        Assert.Equal("true", page.Document.QuerySelector($"#{Ids[field]}")!.GetAttribute("aria-invalid"));
        Assert.Equal(to, page.Document.QuerySelector("#notice-to")!.GetAttribute("value"));
        Assert.Equal(title, page.Document.QuerySelector("#notice-title")!.GetAttribute("value"));
        Assert.Equal(body, page.Document.QuerySelector("#notice-body")!.TextContent);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Notice>().CountAsync(n => n.RecipientId == seeker.Id)));
    }

    private static readonly Dictionary<string, string> Ids = new()
    {
        ["RecipientEmail"] = "notice-to", ["Title"] = "notice-title", ["Body"] = "notice-body",
    };

    [Fact]
    public async Task The_same_refusal_is_in_English_when_English_was_chosen()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        await staff.PageAsync("/staff?lang=en");

        var page = await staff.PostFormPageAsync("/staff/notices", Fields("", "Subject", "Text"), formPage: "/staff/notices/new");

        Assert.Equal("Please fill this in.", page.Text("#notice-to-error"));
        Assert.Equal("en", page.Header("Content-Language"));
    }

    [Fact, Trait("Rule", "ACC-11")]
    public async Task Sending_a_notice_is_recorded_in_the_audit_trail()
    {
        var (staffUser, staff) = await app.SignedInAsync(UserKind.Staff);
        var seeker = await app.CreateUserAsync(UserKind.Seeker);

        await staff.PostFormAsync("/staff/notices", Fields(seeker.Email!, "監査対象の件名"), formPage: "/staff/notices/new");

        var entry = await app.WithDbAsync(db => db.Set<AuditEntry>().SingleAsync(e => e.SubjectUserId == seeker.Id));
        Assert.Equal((staffUser.Id, "notice.send", "監査対象の件名", app.Clock.UtcNow), (entry.ActorId, entry.Action, entry.Detail, entry.At));
    }

    [Fact, Trait("Rule", "MSG-2")]
    public async Task Every_notice_sent_while_the_page_was_away_is_listed_when_it_fetches_again_newest_first()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var (seeker, seekerClient) = await app.SignedInAsync(UserKind.Seeker);
        for (var i = 1; i <= ListNotices.PageSize + 5; i++)
        {
            await staff.PostFormAsync("/staff/notices", Fields(seeker.Email!, $"お知らせ{i}"), formPage: i == 1 ? "/staff/notices/new" : null);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await seekerClient.PageAsync("/notices/list", htmx: true);
        var titles = first.Texts(".notice-title").ToList();
        Assert.Equal(ListNotices.PageSize, titles.Count);
        Assert.Equal($"お知らせ{ListNotices.PageSize + 5}", titles[0]);
        var older = first.Document.QuerySelector(".more button")!.GetAttribute("hx-get")!;
        var rest = (await seekerClient.PageAsync(older, htmx: true)).Texts(".notice-title").ToList();
        Assert.Equal(["お知らせ5", "お知らせ4", "お知らせ3", "お知らせ2", "お知らせ1"], rest);
        Assert.Equal((ListNotices.PageSize + 5).ToString(), (await seekerClient.PageAsync("/notices/badge", htmx: true)).Text(".badge"));
    }
}

public sealed class SendNoticeTestsOnSqlite(SqliteApp app) : SendNoticeTests(app), IClassFixture<SqliteApp>;

public sealed class SendNoticeTestsOnPostgres(PostgresApp app) : SendNoticeTests(app), IClassFixture<PostgresApp>;
