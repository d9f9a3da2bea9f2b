using System.Net;
using HelloWork.Web.Features.Accounts;
using static HelloWork.Tests.Features.Accounts.AccountSteps;

namespace HelloWork.Tests.Features.Accounts;

public abstract class PasswordAndSessionTests(HelloWorkApp app)
{
    private static KeyValuePair<string, string>[] Change(string current, string password, string? confirm = null) =>
        [new("CurrentPassword", current), new("Password", password), new("PasswordConfirm", confirm ?? password)];

    [Theory, Trait("Rule", "ACC-3")]
    [InlineData("Ab1!xyz", "パスワードは8文字以上にしてください。")]
    [InlineData("Abcdefgh1!Abcdefgh1!Abcdefgh1!xyz", "パスワードは32文字以内にしてください。")]
    [InlineData("Ｋｕｍｏ１２３！ab", "パスワードには半角の英数字と記号だけを使ってください（全角文字・空白は使えません）。")]
    [InlineData("Kumo iro7#", "パスワードには半角の英数字と記号だけを使ってください（全角文字・空白は使えません）。")]
    [InlineData("kumoirox7", "パスワードには記号を含めてください。")]
    [InlineData("kumo-irox", "パスワードには数字を含めてください。")]
    [InlineData("2468-1357", "パスワードには英字を含めてください。")]
    [InlineData("P@ssw0rd!", "このパスワードはよく使われているため使えません。")]
    [InlineData("Qwerty123!", "このパスワードはよく使われているため使えません。")]
    [InlineData("1qaz@WSX", "このパスワードはよく使われているため使えません。")]
    public async Task A_password_against_the_rules_is_refused_with_the_reason(string password, string reason)
    {
        var (_, client) = await app.SignedInAsync(UserKind.Seeker);

        var page = await client.PostFormPageAsync("/account/settings/password", Change(HelloWorkApp.Password, password), formPage: "/account/settings");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains(reason, page.Text("#set-password-error"));
        Assert.DoesNotContain(password, page.Html);
    }

    [Fact, Trait("Rule", "ACC-3")]
    public void The_common_password_list_holds_thousands_and_not_the_projects_own_example_passwords()
    {
        Assert.InRange(PasswordRules.CommonCount, 3000, 100_000);
        Assert.True(PasswordRules.IsCommon("password"));
        Assert.True(PasswordRules.IsCommon("PASSWORD1!"));
        Assert.False(PasswordRules.IsCommon(HelloWorkApp.Password));
        Assert.False(PasswordRules.IsCommon(HelloWork.Web.Features.Demo.DemoAccounts.Password));
    }

    [Fact, Trait("Rule", "ACC-5")]
    public async Task Changing_the_password_mails_2_and_signs_out_every_other_browser_but_not_this_one()
    {
        var (user, here) = await app.SignedInAsync(UserKind.Seeker);
        var elsewhere = await app.SignInAsync(user);

        var page = await here.PostFormPageAsync("/account/settings/password", Change(HelloWorkApp.Password, "Aozora-88ki"), formPage: "/account/settings");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/mypage")).StatusCode);
        var other = await elsewhere.GetAsync("/mypage");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.StartsWith("/login", other.Headers.Location!.OriginalString);
        var mail = await app.MailAsync(user.Email!, Mail2);
        Assert.Contains("パスワード", mail.Text);
        Assert.DoesNotContain("Aozora-88ki", mail.Raw);
        Assert.Null(await app.TrySignInAsync(user.Email!, HelloWorkApp.Password));
        Assert.NotNull(await app.TrySignInAsync(user.Email!, "Aozora-88ki"));
    }

    [Fact, Trait("Rule", "ACC-5")]
    public async Task A_wrong_current_password_or_a_differing_confirmation_changes_nothing()
    {
        var (user, client) = await app.SignedInAsync(UserKind.Employer);

        var wrong = await client.PostFormPageAsync("/account/settings/password", Change("Not-mine-9", "Aozora-88ki"), formPage: "/account/settings");
        var differs = await client.PostFormPageAsync("/account/settings/password", Change(HelloWorkApp.Password, "Aozora-88ki", "Aozora-88kj"), formPage: "/account/settings");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.Status);
        Assert.Equal("現在のパスワードが正しくありません。", wrong.Text("#set-current-error"));
        Assert.Equal("確認用のパスワードが一致しません。", differs.Text("#set-confirm-error"));
        Assert.NotNull(await app.TrySignInAsync(user.Email!, HelloWorkApp.Password));
    }

    [Theory, Trait("Rule", "ACC-5")]
    [InlineData("", "入力してください。")]
    [InlineData("with space@test.example", "メールアドレスの形式が正しくありません（空白は使えません）。")]
    [InlineData("ｚｅｎｋａｋｕ@test.example", "メールアドレスの形式が正しくありません（空白は使えません）。")]
    public async Task A_bad_new_email_is_refused_with_a_clear_message_and_kept(string newEmail, string message)
    {
        var (_, client) = await app.SignedInAsync(UserKind.Seeker);

        var page = await client.PostFormPageAsync("/account/settings/email", [new("NewEmail", newEmail), new("CurrentPassword", HelloWorkApp.Password)], formPage: "/account/settings");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal(message, page.Text("#set-email-error"));
        Assert.Equal(newEmail, page.Document.QuerySelector("#set-email")!.GetAttribute("value") ?? "");
    }

    [Fact, Trait("Rule", "ACC-3")]
    public async Task Repeated_failures_lock_the_account_for_a_while_and_the_lock_ends_by_itself()
    {
        var user = await app.CreateUserAsync(UserKind.Seeker);
        for (var i = 0; i < AppUser.MaxFailedSignIns; i++)
        {
            Assert.Null(await app.TrySignInAsync(user.Email!, "Wrong-pass" + i));
        }

        var locked = await app.Anonymous().PostFormPageAsync("/login", Login(user.Email!, HelloWorkApp.Password), formPage: "/login");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, locked.Status);
        Assert.Equal(Mismatch, locked.Text(".error-summary")); // until when goes to the owner by mail (SEC-6)
        await app.MailAsync(user.Email!, LockedMail);

        app.Clock.Advance(AppUser.LockoutTime - TimeSpan.FromMinutes(1));
        Assert.Null(await app.TrySignInAsync(user.Email!, HelloWorkApp.Password));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull(await app.TrySignInAsync(user.Email!, HelloWorkApp.Password));
    }

    [Fact, Trait("Rule", "ACC-3")]
    public async Task A_locked_out_person_gets_back_in_at_once_with_a_password_reset()
    {
        var user = await app.CreateUserAsync(UserKind.Seeker);
        for (var i = 0; i < AppUser.MaxFailedSignIns; i++)
        {
            await app.TrySignInAsync(user.Email!, "Wrong-pass" + i);
        }
        var client = app.Anonymous();

        await client.PostFormAsync("/password/reset", [new("Email", user.Email!)], formPage: "/password/reset");
        var key = KeyIn(await app.MailAsync(user.Email!, Mail4));
        using var reset = await client.PostFormAsync("/password/reset/key",
            [new("Email", user.Email!), new("Key", key), new("Password", "Hoshi-zora42"), new("PasswordConfirm", "Hoshi-zora42")], formPage: "/password/reset/key", htmx: false);

        Assert.Equal("/login?done=reset", reset.Headers.Location!.OriginalString);
        Assert.NotNull(await app.TrySignInAsync(user.Email!, "Hoshi-zora42"));
    }

    [Fact, Trait("Rule", "ACC-5")]
    public async Task A_password_reset_mails_4_with_a_key_that_works_once_within_50_minutes()
    {
        var user = await app.CreateUserAsync(UserKind.Employer, "リセット 担当");
        var elsewhere = await app.SignInAsync(user);
        var client = app.Anonymous();

        var sent = await client.PostFormPageAsync("/password/reset", [new("Email", user.Email!)], formPage: "/password/reset");
        var unknown = await app.Anonymous().PostFormPageAsync("/password/reset", [new("Email", NewEmail("nobody"))], formPage: "/password/reset");
        Assert.Equal(sent.Text(".success"), unknown.Text(".success"));
        var mail = await app.MailAsync(user.Email!, Mail4);
        Assert.Contains("リセット 担当 様", mail.Text);
        var key = KeyIn(mail);
        KeyValuePair<string, string>[] fields = [new("Email", user.Email!), new("Key", key.ToLowerInvariant()), new("Password", "Hoshi-zora42"), new("PasswordConfirm", "Hoshi-zora42")];

        using var first = await client.PostFormAsync("/password/reset/key", fields, formPage: "/password/reset/key", htmx: false);
        var again = await client.PostFormPageAsync("/password/reset/key", fields, formPage: "/password/reset/key");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/employer")).StatusCode); // signed out everywhere
        await app.MailAsync(user.Email!, Mail2);
        Assert.NotNull(await app.TrySignInAsync(user.Email!, "Hoshi-zora42"));
    }

    [Fact, Trait("Rule", "ACC-5")]
    public async Task A_reset_key_older_than_50_minutes_is_refused()
    {
        var user = await app.CreateUserAsync(UserKind.Seeker);
        var client = app.Anonymous();
        await client.PostFormAsync("/password/reset", [new("Email", user.Email!)], formPage: "/password/reset");
        var key = KeyIn(await app.MailAsync(user.Email!, Mail4));

        app.Clock.Advance(TimeSpan.FromMinutes(50));
        var late = await client.PostFormPageAsync("/password/reset/key",
            [new("Email", user.Email!), new("Key", key), new("Password", "Hoshi-zora42"), new("PasswordConfirm", "Hoshi-zora42")], formPage: "/password/reset/key");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.Status);
        Assert.NotNull(await app.TrySignInAsync(user.Email!, HelloWorkApp.Password));
    }
}

public sealed class PasswordAndSessionTestsOnSqlite(SqliteApp app) : PasswordAndSessionTests(app), IClassFixture<SqliteApp>;

public sealed class PasswordAndSessionTestsOnPostgres(PostgresApp app) : PasswordAndSessionTests(app), IClassFixture<PostgresApp>;
