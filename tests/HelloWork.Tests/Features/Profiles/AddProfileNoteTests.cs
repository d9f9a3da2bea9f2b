using System.Net;
using System.Threading.Channels;
using HelloWork.Web.Audit;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Profiles;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Profiles.ProfileSteps;

namespace HelloWork.Tests.Features.Profiles;

public abstract class AddProfileNoteTests(HelloWorkApp app)
{
    public static KeyValuePair<string, string>[] Fields(string email, string body = "窓口で職業相談を行いました。介護職を中心に紹介予定。") =>
        [new("Email", email), new("Body", body)];

    private static Task<Page> AddAsync(UserClient staff, string email, string? body = null) =>
        staff.PostFormPageAsync("/staff/seekers/notes", body is null ? Fields(email) : Fields(email, body), formPage: "/staff/seekers/notes/new");

    [Fact, Trait("Rule", "PRO-3")]
    public async Task Staff_add_a_note_the_seeker_sees_it_marked_as_Hello_Works_and_it_is_audited()
    {
        var (staffUser, staff) = await app.SignedInAsync(UserKind.Staff);
        var (seeker, seekerClient) = await RegisteredSeekerAsync(app);

        var done = await AddAsync(staff, seeker.Email!, "職業相談を実施。\n次回は12月。");

        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Equal($"{seeker.Email} の求職登録に追記しました。", done.Text(".success"));
        var page = await seekerClient.PageAsync("/mypage/profile");
        Assert.Equal("ハローワーク職員による追記", page.Text("#profile-notes .note-by"));
        Assert.Equal("職業相談を実施。\n次回は12月。", page.Text("#profile-notes .note-body"));
        Assert.Equal(app.Clock.UtcNow.ToString("O"), page.Document.QuerySelector("#profile-notes time")!.GetAttribute("datetime"));
        var entry = await app.WithDbAsync(db => db.Set<AuditEntry>().SingleAsync(e => e.SubjectUserId == seeker.Id && e.Action == "profile.add-note"));
        Assert.Equal((staffUser.Id, "職業相談を実施。\n次回は12月。", app.Clock.UtcNow), (entry.ActorId, entry.Detail, entry.At));
    }

    [Fact, Trait("Rule", "PRO-3")]
    public async Task The_seekers_open_page_is_told_by_id_and_refetches_its_notes()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var (seeker, seekerClient) = await RegisteredSeekerAsync(app);
        var page = await seekerClient.PageAsync("/mypage/profile");
        var list = page.Document.QuerySelector("#profile-note-list")!;
        Assert.Equal("/mypage/profile/notes", list.GetAttribute("hx-get"));
        Assert.Contains("profile-note-added from:body", list.GetAttribute("hx-trigger"));
        Assert.Equal("追記はありません。", page.Text("#profile-note-list .empty"));
        var pushes = Channel.CreateUnbounded<long>();
        await using var connection = LiveConnections.OverTestServer(app.Server, seekerClient.CookieHeader);
        connection.On<long>("ProfileNoteAdded", id => pushes.Writer.TryWrite(id));
        await connection.StartAsync();

        await AddAsync(staff, seeker.Email!, "ライブで届く追記");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var pushed = await pushes.Reader.ReadAsync(timeout.Token);
        var stored = await app.WithDbAsync(db => db.Set<ProfileNote>().SingleAsync(n => n.SeekerId == seeker.Id));
        Assert.Equal(stored.Id, pushed);
        var fragment = await seekerClient.PageAsync("/mypage/profile/notes", htmx: true);
        Assert.Equal(["ライブで届く追記"], fragment.Texts(".note-body"));
        Assert.DoesNotContain("<html", fragment.Html);
    }

    [Fact, Trait("Rule", "PRO-3")]
    public async Task Notes_are_the_seekers_own_and_never_reach_an_employer()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var (seeker, seekerClient) = await RegisteredSeekerAsync(app);
        var (_, otherClient) = await RegisteredSeekerAsync(app);
        await AddAsync(staff, seeker.Email!, "本人だけが見る追記");
        var publicId = await PublishedIdAsync(app, seeker, seekerClient);
        var (_, employer) = await EmployerAsync(app);

        Assert.Empty((await otherClient.PageAsync("/mypage/profile/notes", htmx: true)).Texts(".note-body"));
        Assert.DoesNotContain("本人だけが見る追記", (await otherClient.PageAsync("/mypage/profile")).Html);
        Assert.DoesNotContain("本人だけが見る追記", (await employer.PageAsync($"/seekers/{publicId}")).Html);
        Assert.DoesNotContain("本人だけが見る追記", (await seekerClient.PageAsync("/mypage/profile/preview")).Html);
    }

    [Theory, Trait("Rule", "PRO-3")]
    [InlineData("", "本文", "note-email", "入力してください。")]
    [InlineData("seeker @example.jp", "本文", "note-email", "メールアドレスの形式が正しくありません（空白は使えません）。")]
    [InlineData("nobody@example.jp", "本文", "note-email", "このメールアドレスの求職者は見つかりません。")]
    [InlineData("{employer}", "本文", "note-email", "このメールアドレスの求職者は見つかりません。")]
    [InlineData("{seeker}", "  ", "note-body", "入力してください。")]
    [InlineData("{seeker}", "{1001}", "note-body", "1000文字以内で入力してください（現在1001文字）。")]
    public async Task Bad_input_gets_a_clear_Japanese_message_422_and_keeps_what_was_typed(string to, string body, string id, string message)
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var seeker = await app.CreateUserAsync(UserKind.Seeker);
        var employer = await app.CreateUserAsync(UserKind.Employer);
        to = to.Replace("{seeker}", seeker.Email).Replace("{employer}", employer.Email);
        if (body == "{1001}") body = new string('追', 1001);

        var page = await AddAsync(staff, to, body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal(message, page.Text($"#{id}-error"));
        Assert.Equal("true", page.Document.QuerySelector($"#{id}")!.GetAttribute("aria-invalid"));
        Assert.Equal(to, page.Document.QuerySelector("#note-email")!.GetAttribute("value"));
        Assert.Equal(body, page.Document.QuerySelector("#note-body")!.TextContent);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ProfileNote>().CountAsync(n => n.SeekerId == seeker.Id)));
    }

    [Fact, Trait("Rule", "PRO-3")]
    public async Task The_same_refusal_is_in_English_when_English_was_chosen()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        await staff.PageAsync("/staff?lang=en");

        var page = await AddAsync(staff, "nobody@example.jp");

        Assert.Equal("No job seeker has this e-mail address.", page.Text("#note-email-error"));
    }

    [Theory, Trait("Rule", "PRO-3")]
    [InlineData(UserKind.Seeker)]
    [InlineData(UserKind.Employer)]
    public async Task Seekers_and_employers_cannot_add_notes(UserKind kind)
    {
        var (_, client) = await app.SignedInAsync(kind);
        var victim = await app.CreateUserAsync(UserKind.Seeker);

        Assert.Equal(HttpStatusCode.NotFound, (await client.PageAsync("/staff/seekers/notes/new")).Status);
        using var post = await client.PostFormAsync("/staff/seekers/notes", Fields(victim.Email!), formPage: "/notices");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ProfileNote>().CountAsync(n => n.SeekerId == victim.Id)));
    }

    [Fact, Trait("Rule", "PRO-3")]
    public async Task A_note_can_be_added_while_the_seekers_registration_is_invalid_and_is_shown_to_them()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var (seeker, seekerClient) = await RegisteredSeekerAsync(app);
        await seekerClient.PostFormAsync("/account/registration", [new("Valid", "false")], formPage: "/account/settings");

        var done = await AddAsync(staff, seeker.Email!, "無効中の追記");

        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Equal(["無効中の追記"], (await seekerClient.PageAsync("/mypage/profile")).Texts(".note-body"));
    }
}

public sealed class AddProfileNoteTestsOnSqlite(SqliteApp app) : AddProfileNoteTests(app), IClassFixture<SqliteApp>;

public sealed class AddProfileNoteTestsOnPostgres(PostgresApp app) : AddProfileNoteTests(app), IClassFixture<PostgresApp>;
