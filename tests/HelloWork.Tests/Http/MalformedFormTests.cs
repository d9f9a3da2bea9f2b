using System.Net;
using System.Text;
using HelloWork.Tests.Features.Messages;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Messages;
using HelloWork.Web.Features.Notices;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Tests.Http;

/// <summary>
/// SEC-9: a form that cannot be taken as sent (a NUL byte, a value that is no boolean or no choice,
/// a body that is no form, a field too large) is refused like any refused form: 422, the form, the
/// reason in the person's language, and the rest of what was typed; nothing is done.
/// </summary>
public abstract class MalformedFormTests(HelloWorkApp app)
{
    public static TheoryData<string, string> ControlCharacters => new()
    {
        { "ja", "使えない文字（制御文字）が含まれていたので取り除きました。" },
        { "en", "This contained characters that cannot be used (control characters)" },
    };

    public static TheoryData<string, string> NotAChoice => new()
    {
        { "ja", "選択肢にない値が送られました。もう一度選んでください。" },
        { "en", "A value that is not one of the choices was sent. Please choose again." },
    };

    public static TheoryData<string, string> NotAForm => new()
    {
        { "ja", "送られた内容をこのフォームとして読み取れませんでした。" },
        { "en", "What was sent could not be read as this form." },
    };

    public static TheoryData<string, string> TooLarge => new()
    {
        { "ja", "長すぎるため受け取れませんでした（20,000文字まで）。" },
        { "en", "This was too long to accept (at most 20,000 characters)." },
    };

    [Theory, MemberData(nameof(ControlCharacters)), Trait("Rule", "SEC-9")]
    public async Task A_NUL_byte_in_a_name_is_refused_with_the_reason_and_everything_else_kept(string lang, string reason)
    {
        var staff = await StaffAsync(lang);
        var email = $"nul-{Guid.NewGuid():N}@test.example";

        var page = await staff.PostFormPageAsync("/staff/accounts",
            [new("Kind", "Employer"), new("Email", email), new("DisplayName", "山田\0花子"), new("Password", "Start-pass9")], formPage: "/staff/accounts/new");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.StartsWith(reason, page.Text("#acc-name-error"));
        Assert.Equal("山田花子", page.Document.QuerySelector("#acc-name")!.GetAttribute("value"));
        Assert.Equal(email, page.Document.QuerySelector("#acc-email")!.GetAttribute("value"));
        Assert.True(page.Has("input[name=Kind][value=Employer][checked]"));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Theory, MemberData(nameof(ControlCharacters)), Trait("Rule", "SEC-9"), Trait("Rule", "MSG-6")]
    public async Task A_NUL_byte_in_a_message_is_refused_in_the_send_box_with_the_draft_kept(string lang, string reason)
    {
        var pair = await Messaging.PairAsync(app);
        await pair.SeekerClient.PageAsync($"/messages/{pair.ThreadId}?lang={lang}");

        var box = await pair.SeekerClient.PostFormPageAsync($"/messages/{pair.ThreadId}",
            [new("Body", "面接の日程は\0来週で"), new("Key", Guid.NewGuid().ToString("N"))], formPage: $"/messages/{pair.ThreadId}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, box.Status);
        Assert.StartsWith(reason, box.Text("#message-body-error"));
        Assert.Equal("面接の日程は来週で", box.Text("#message-body"));
        Assert.False(await app.WithDbAsync(db => db.Set<Message>().AnyAsync(m => m.ThreadId == pair.ThreadId)));
    }

    [Theory, MemberData(nameof(ControlCharacters)), Trait("Rule", "SEC-9")]
    public async Task A_NUL_byte_at_sign_in_is_refused_before_the_password_is_tried(string lang, string reason)
    {
        var user = await app.CreateUserAsync(UserKind.Seeker);
        var client = app.Anonymous();
        await client.PageAsync($"/login?lang={lang}");

        var page = await client.PostFormPageAsync("/login", [new("Email", user.Email!), new("Password", "Wrong\0pass1")], formPage: "/login");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.StartsWith(reason, page.Text(".error-summary"));
        Assert.Equal(user.Email, page.Document.QuerySelector("#login-email")!.GetAttribute("value"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.AccessFailedCount).SingleAsync()));
    }

    [Theory, MemberData(nameof(NotAChoice)), Trait("Rule", "SEC-9")]
    public async Task A_checkbox_that_is_not_a_boolean_is_refused_and_the_notice_is_not_sent(string lang, string reason)
    {
        var staff = await StaffAsync(lang);
        var seeker = await app.CreateUserAsync(UserKind.Seeker);

        var page = await staff.PostFormPageAsync("/staff/notices",
            [new("RecipientEmail", seeker.Email!), new("Title", "面接会のご案内"), new("Body", "12月1日です。"), new("AlsoMail", "perhaps")], formPage: "/staff/notices/new");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal(reason, page.Text("#notice-mail-error"));
        Assert.Equal(seeker.Email, page.Document.QuerySelector("#notice-to")!.GetAttribute("value"));
        Assert.Equal("面接会のご案内", page.Document.QuerySelector("#notice-title")!.GetAttribute("value"));
        Assert.Equal("12月1日です。", page.Text("#notice-body"));
        Assert.False(await app.WithDbAsync(db => db.Set<Notice>().AnyAsync(n => n.RecipientId == seeker.Id)));
    }

    [Theory, MemberData(nameof(NotAChoice)), Trait("Rule", "SEC-9"), Trait("Rule", "BEY-3")]
    public async Task A_setting_that_is_not_a_boolean_is_refused_and_nothing_changes(string lang, string reason)
    {
        var (user, client) = await app.SignedInAsync(UserKind.Seeker);
        await client.PageAsync($"/messages/settings?lang={lang}");

        var page = await client.PostFormPageAsync("/messages/settings", [new("ReadReceipts", "maybe"), new("DigestOptIn", "true")], formPage: "/messages/settings");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal(reason, page.Text("#settings-receipts-error"));
        Assert.True(page.Has("input[name=DigestOptIn][checked]"));
        Assert.False(await app.WithDbAsync(db => db.Set<MessagingSettings>().AnyAsync(s => s.UserId == user.Id)));
    }

    [Theory, MemberData(nameof(NotAChoice)), Trait("Rule", "SEC-9"), Trait("Rule", "ACC-2")]
    public async Task A_school_status_that_is_not_a_choice_is_refused_and_no_account_is_made(string lang, string reason)
    {
        var client = app.Anonymous();
        await client.PageAsync($"/signup?lang={lang}");
        var email = $"choice-{Guid.NewGuid():N}@test.example";

        var page = await client.PostFormPageAsync("/signup",
            [new("AgreePrivacy", "true"), new("AgreeTerms", "true"), new("Email", email), new("BirthDate", "1995-06-15"), new("School", "Graduate")], formPage: "/signup");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal(reason, page.Text("#signup-school-error"));
        Assert.Equal(email, page.Document.QuerySelector("#signup-email")!.GetAttribute("value"));
        Assert.Equal("1995-06-15", page.Document.QuerySelector("#signup-birth")!.GetAttribute("value"));
        Assert.True(page.Has("input[name=AgreeTerms][checked]"));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Theory, MemberData(nameof(NotAChoice)), Trait("Rule", "SEC-9"), Trait("Rule", "ACC-11")]
    public async Task An_account_kind_that_is_not_a_choice_is_refused(string lang, string reason)
    {
        var staff = await StaffAsync(lang);
        var email = $"kind-{Guid.NewGuid():N}@test.example";

        var page = await staff.PostFormPageAsync("/staff/accounts",
            [new("Kind", "Administrator"), new("Email", email), new("DisplayName", "新規 職員"), new("Password", "Start-pass9")], formPage: "/staff/accounts/new");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal(reason, page.Text("#kind-error"));
        Assert.Equal("新規 職員", page.Document.QuerySelector("#acc-name")!.GetAttribute("value"));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Theory, MemberData(nameof(NotAForm)), Trait("Rule", "SEC-9")]
    public async Task A_JSON_body_is_refused_as_a_form_and_what_it_said_is_shown_again(string lang, string reason)
    {
        var staff = await StaffAsync(lang);
        var seeker = await app.CreateUserAsync(UserKind.Seeker);
        var json = $$"""{"RecipientEmail":"{{seeker.Email}}","Title":"JSONの件名","Body":"JSONの本文","AlsoMail":true}""";

        var page = await SendAsync(staff, "/staff/notices", new StringContent(json, Encoding.UTF8, "application/json"), "/staff/notices/new");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.StartsWith(reason, page.Text(".error-summary"));
        Assert.Equal("JSONの件名", page.Document.QuerySelector("#notice-title")!.GetAttribute("value"));
        Assert.Equal("JSONの本文", page.Text("#notice-body"));
        Assert.DoesNotContain("システムエラー", page.Html);
        Assert.False(await app.WithDbAsync(db => db.Set<Notice>().AnyAsync(n => n.RecipientId == seeker.Id)));
    }

    [Theory, MemberData(nameof(NotAForm)), Trait("Rule", "SEC-9")]
    public async Task A_body_of_plain_text_is_refused_as_a_form(string lang, string reason)
    {
        var client = app.Anonymous();
        await client.PageAsync($"/password/reset?lang={lang}");

        var page = await SendAsync(client, "/password/reset", new StringContent("Email=someone@test.example", Encoding.UTF8, "text/plain"), "/password/reset");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.StartsWith(reason, page.Text(".error-summary"));
    }

    [Theory, MemberData(nameof(TooLarge)), Trait("Rule", "SEC-9")]
    public async Task An_oversized_field_is_refused_and_the_other_fields_are_kept(string lang, string reason)
    {
        var staff = await StaffAsync(lang);
        var seeker = await app.CreateUserAsync(UserKind.Seeker);

        var page = await staff.PostFormPageAsync("/staff/notices",
            [new("RecipientEmail", seeker.Email!), new("Title", "長い本文"), new("Body", new string('あ', 25_000))], formPage: "/staff/notices/new");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal(reason, page.Text("#notice-body-error"));
        Assert.Equal("長い本文", page.Document.QuerySelector("#notice-title")!.GetAttribute("value"));
        Assert.Equal("", page.Text("#notice-body"));
        Assert.False(await app.WithDbAsync(db => db.Set<Notice>().AnyAsync(n => n.RecipientId == seeker.Id)));
    }

    private async Task<UserClient> StaffAsync(string lang)
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        await staff.PageAsync($"/staff?lang={lang}");
        return staff;
    }

    /// <summary>Sends a body the way a script would, with the token in the header htmx uses.</summary>
    internal static async Task<Page> SendAsync(UserClient client, string path, HttpContent content, string formPage, bool htmx = false)
    {
        var form = await client.PageAsync(formPage);
        var token = form.Document.QuerySelector("meta[name=csrf-token]")?.GetAttribute("content")
            ?? throw new InvalidOperationException($"No token on {formPage} ({(int)form.Status}, {form.Response.RequestMessage?.RequestUri})");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("RequestVerificationToken", token);
        if (htmx) request.Headers.Add("HX-Request", "true");
        return await Page.ReadAsync(await client.Http.SendAsync(request));
    }
}

public sealed class MalformedFormTestsOnSqlite(SqliteApp app) : MalformedFormTests(app), IClassFixture<SqliteApp>;

public sealed class MalformedFormTestsOnPostgres(PostgresApp app) : MalformedFormTests(app), IClassFixture<PostgresApp>;
