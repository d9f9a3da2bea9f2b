using System.Net;
using HelloWork.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Accounts.AccountSteps;

namespace HelloWork.Tests.Features.Accounts;

/// <summary>
/// ACC-2 (and ACC-10) online sign-up as a first-time user meets it: its own words and mail, and an
/// address someone else typed first never keeps its owner out (SEC-6).
/// </summary>
public abstract class OnlineSignUpTests(HelloWorkApp app)
{
    private const string Password = "Hajimete-no-1";

    private static KeyValuePair<string, string>[] SignUpFields(string email, string birthDate) => [.. OpenFields(email, birthDate), new("School", "NotStudent")];

    [Fact, Trait("Rule", "ACC-2")]
    public async Task The_online_route_speaks_to_a_first_time_user_with_its_own_text_neutral_greeting_and_link()
    {
        var email = NewEmail("hajime");
        var localPart = email.Split('@')[0];

        var page = await app.Anonymous().PostFormPageAsync("/signup", SignUpFields(email, "1995-06-15"), formPage: "/signup");
        var mail = await app.MailAsync(email, Mail1);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("入力したメールアドレスあてにメールをお送りしました。メールに記載された認証キーと、ご自分で決めたパスワードを入力してください（認証キーの有効期限は50分）。しばらく経ってもメールが届かない場合は、メールアドレスに誤りがないかご確認のうえ、もう一度お申し込みください。",
            page.Text("#auth-key .success"));
        Assert.DoesNotContain("一致した場合", page.Html);
        Assert.StartsWith("ハローワークインターネットサービスをご利用いただき、ありがとうございます。", mail.Text);
        Assert.DoesNotContain(localPart + " 様", mail.Text);
        Assert.DoesNotContain(localPart + " 様", mail.Html);
        Assert.Contains("http://hellowork.test/signup/key", mail.Text);
        Assert.Contains("href=\"http://hellowork.test/signup/key\"", mail.Html);
        Assert.DoesNotContain("/mypage/open/key", mail.Raw);
    }

    [Fact, Trait("Rule", "ACC-1")]
    public async Task The_counter_route_keeps_its_own_text_greeting_by_name_and_link()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var email = await app.RegisterAtCounterAsync(staff, "1990-04-01");

        var page = await app.Anonymous().PostFormPageAsync("/mypage/open", OpenFields(email, "1990-04-01"), formPage: "/mypage/open");
        var mail = await app.MailAsync(email, Mail1);

        Assert.StartsWith("入力内容が窓口での登録と一致した場合", page.Text("#auth-key .success"));
        Assert.StartsWith("窓口 太郎 様", mail.Text);
        Assert.Contains("http://hellowork.test/mypage/open/key", mail.Text);
    }

    [Fact, Trait("Rule", "ACC-10")]
    public async Task The_employer_verification_mail_greets_without_a_name_made_from_the_address()
    {
        var email = NewEmail("jigyosho");

        await app.Anonymous().PostFormAsync("/employer/signup", [new("AgreeTerms", "true"), new("Email", email)], formPage: "/employer/signup");
        var mail = await app.MailAsync(email, "【ハローワーク】求人者マイページ メールアドレス確認");

        Assert.StartsWith("ハローワークインターネットサービスをご利用いただき、ありがとうございます。", mail.Text);
        Assert.DoesNotContain(email.Split('@')[0] + " 様", mail.Text);
    }

    [Fact, Trait("Rule", "SEC-6"), Trait("Rule", "ACC-2")]
    public async Task An_unfinished_sign_up_with_someone_elses_address_does_not_keep_the_owner_from_signing_up()
    {
        var email = NewEmail("owner");
        await app.Anonymous().PostFormAsync("/signup", SignUpFields(email, "1970-01-01"), formPage: "/signup"); // a stranger, another birth date
        var strangersKey = KeyIn(await app.MailAsync(email, Mail1)); // it went to the owner's box all the same

        var owner = app.Anonymous();
        var page = await owner.PostFormPageAsync("/signup", SignUpFields(email, "1995-06-15"), formPage: "/signup");
        await app.DispatchMailAsync();
        var deadline = DateTime.UtcNow + MailWait;
        while (app.Mail.All().Count(m => m.To == email && m.Subject == Mail1) < 2 && DateTime.UtcNow < deadline) await Task.Delay(50);
        var ownersKey = KeyIn(app.Mail.All().Last(m => m.To == email && m.Subject == Mail1));
        var stale = await owner.PostFormPageAsync("/signup/key", [new("Email", email), new("Key", strangersKey), new("Password", Password), new("PasswordConfirm", Password)],
            formPage: "/signup/key");
        using var done = await owner.PostFormAsync("/signup/key", [new("Email", email), new("Key", ownersKey), new("Password", Password), new("PasswordConfirm", Password)],
            formPage: "/signup/key", htmx: false);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.Status);
        Assert.Equal("/registration", done.Headers.Location!.OriginalString);
        var stored = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.Equal(new DateOnly(1995, 6, 15), stored.BirthDate);
    }

    [Fact, Trait("Rule", "SEC-6"), Trait("Rule", "ACC-2"), Trait("Rule", "ACC-10")]
    public async Task An_unfinished_employer_sign_up_does_not_keep_the_owner_from_signing_up_as_a_seeker()
    {
        var email = NewEmail("either");
        await app.Anonymous().PostFormAsync("/employer/signup", [new("AgreeTerms", "true"), new("Email", email)], formPage: "/employer/signup");

        await app.Anonymous().PostFormAsync("/signup", SignUpFields(email, "1995-06-15"), formPage: "/signup");

        var key = KeyIn(await app.MailAsync(email, Mail1));
        using var done = await app.Anonymous().PostFormAsync("/signup/key", [new("Email", email), new("Key", key), new("Password", Password), new("PasswordConfirm", Password)],
            formPage: "/signup/key", htmx: false);
        Assert.Equal("/registration", done.Headers.Location!.OriginalString);
        Assert.Equal(UserKind.Seeker, await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Kind).SingleAsync()));
    }

    [Fact, Trait("Rule", "SEC-6"), Trait("Rule", "ACC-1")]
    public async Task A_seeker_registered_at_the_counter_who_signs_up_online_is_sent_to_open_the_MyPage()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var email = await app.RegisterAtCounterAsync(staff, "1990-04-01");

        await app.Anonymous().PostFormAsync("/signup", SignUpFields(email, "1990-04-01"), formPage: "/signup");

        var told = await app.MailAsync(email, AccountExistsMail);
        Assert.Contains("http://hellowork.test/mypage/open", told.Text);
        Assert.DoesNotContain("/password/reset", told.Text);
        Assert.Empty(await app.MailsSentAsync(email, Mail1));
    }
}

public sealed class OnlineSignUpTestsOnSqlite(SqliteApp app) : OnlineSignUpTests(app), IClassFixture<SqliteApp>;

public sealed class OnlineSignUpTestsOnPostgres(PostgresApp app) : OnlineSignUpTests(app), IClassFixture<PostgresApp>;
