using System.Net;
using HelloWork.Web.Features.Accounts;
using static HelloWork.Tests.Features.Accounts.AccountSteps;
using static HelloWork.Tests.Features.Accounts.SameAnswer;

namespace HelloWork.Tests.Features.Accounts;

/// <summary>
/// SEC-6: every page that takes an address answers an existing login exactly as it answers an
/// unknown address (status, whole HTML, headers). What differs goes by mail, which only the
/// address's owner reads.
/// </summary>
public abstract class NoEnumerationTests(HelloWorkApp app)
{
    private Task<Page> SignInAsync(string email, string password, string url = "/login") =>
        app.Anonymous().PostFormPageAsync(url, Login(email, password), formPage: url);

    private static KeyValuePair<string, string>[] SignUpFields(string email) => [.. OpenFields(email, "1995-06-15"), new("School", "NotStudent")];

    [Fact, Trait("Rule", "SEC-6")]
    public async Task Sign_in_answers_a_wrong_password_a_withdrawn_seeker_a_login_without_password_and_a_staff_login_as_an_unknown_address()
    {
        var seeker = await app.CreateUserAsync(UserKind.Seeker);
        var staffUser = await app.CreateUserAsync(UserKind.Staff);
        var withdrawn = await app.WithdrawnSeekerAsync();
        var counter = await app.RegisterAtCounterAsync(await app.SignInAsync(staffUser)); // no password yet
        var unknown = NewEmail("nobody");

        var expected = await SignInAsync(unknown, "Wrong-pass1");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, expected.Status);
        Assert.Equal(Mismatch, expected.Text(".error-summary"));
        AssertSame(expected, unknown, await SignInAsync(seeker.Email!, "Wrong-pass1"), seeker.Email!);
        AssertSame(expected, unknown, await SignInAsync(withdrawn.Email!, "Wrong-pass1"), withdrawn.Email!);
        AssertSame(expected, unknown, await SignInAsync(counter, "Wrong-pass1"), counter);
        AssertSame(expected, unknown, await SignInAsync(staffUser.Email!, HelloWorkApp.Password), staffUser.Email!); // right password, wrong door
        var staffDoor = await SignInAsync(unknown, "Wrong-pass1", "/staff/login");
        AssertSame(staffDoor, unknown, await SignInAsync(seeker.Email!, HelloWorkApp.Password, "/staff/login"), seeker.Email!);
    }

    [Fact, Trait("Rule", "SEC-6"), Trait("Rule", "ACC-3")]
    public async Task A_locked_login_answers_even_its_right_password_as_an_unknown_address_and_only_its_owner_learns_until_when_by_mail()
    {
        var user = await app.CreateUserAsync(UserKind.Seeker, "施錠 一郎");
        var lockedAt = app.Clock.UtcNow;
        await app.LockOutAsync(user.Email!);
        var unknown = NewEmail("nobody");

        var stranger = await SignInAsync(unknown, HelloWorkApp.Password);
        var right = await SignInAsync(user.Email!, HelloWorkApp.Password);
        var wrong = await SignInAsync(user.Email!, "Wrong-pass9");

        AssertSame(stranger, unknown, right, user.Email!);
        AssertSame(stranger, unknown, wrong, user.Email!);
        Assert.Equal("パスワードを5回続けて間違えると、15分ほどログインできなくなります（登録のメールアドレスにお知らせします）。パスワードを再登録すると、すぐにログインできます。 パスワードを忘れた方（パスワードの再登録）",
            right.Text("#login-hint"));
        Assert.DoesNotContain("しばらくの間", right.Html);
        var mail = await app.MailAsync(user.Email!, LockedMail);
        var until = HelloWork.Web.Domain.JapanTime.ToJst(lockedAt + AppUser.LockoutTime);
        Assert.Contains($"{until:yyyy年M月d日 HH:mm}（日本時間）まで", mail.Text);
        Assert.Contains("施錠 一郎 様", mail.Text);
        Assert.Contains("パスワードを再登録すると、その時点で停止は解除されます。", mail.Text);
        Assert.Contains("http://hellowork.test/password/reset", mail.Html);
        Assert.Single(await app.MailsSentAsync(user.Email!, LockedMail)); // tries during the lock do not mail again
        Assert.Empty(await app.MailsSentAsync(unknown, LockedMail));
    }

    [Fact, Trait("Rule", "SEC-6"), Trait("Rule", "ACC-5")]
    public async Task A_password_reset_answers_an_existing_and_an_unknown_address_the_same_at_both_steps()
    {
        var user = await app.CreateUserAsync(UserKind.Seeker);
        var unknown = NewEmail("nobody");

        var known = await app.Anonymous().PostAtTheFloorAsync("/password/reset", [new("Email", user.Email!)], formPage: "/password/reset");
        var stranger = await app.Anonymous().PostAtTheFloorAsync("/password/reset", [new("Email", unknown)], formPage: "/password/reset");
        KeyValuePair<string, string>[] KeyFields(string email) =>
            [new("Email", email), new("Key", "ABCD2345"), new("Password", "Hoshi-zora42"), new("PasswordConfirm", "Hoshi-zora42")];
        var knownKey = await app.Anonymous().PostFormPageAsync("/password/reset/key", KeyFields(user.Email!), formPage: "/password/reset/key");
        var strangerKey = await app.Anonymous().PostFormPageAsync("/password/reset/key", KeyFields(unknown), formPage: "/password/reset/key");

        AssertSame(stranger, unknown, known, user.Email!);
        Assert.Equal("入力したメールアドレスが登録されている場合、認証キーをメールでお送りしました（有効期限50分）。しばらく経ってもメールが届かない場合は、メールアドレスをご確認のうえ、やり直してください。",
            known.Text(".success"));
        AssertSame(strangerKey, unknown, knownKey, user.Email!);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, knownKey.Status);
        await app.MailAsync(user.Email!, Mail4);
        Assert.Empty(await app.MailsSentAsync(unknown, Mail4));
    }

    [Fact, Trait("Rule", "SEC-6"), Trait("Rule", "ACC-2")]
    public async Task Online_sign_up_answers_an_address_in_use_as_a_new_one_and_tells_the_owner_by_mail()
    {
        var taken = await app.CreateUserAsync(UserKind.Employer, "既存 花子");
        var fresh = NewEmail("fresh");

        var newcomer = await app.Anonymous().PostAtTheFloorAsync("/signup", SignUpFields(fresh), formPage: "/signup");
        var owner = await app.Anonymous().PostAtTheFloorAsync("/signup", SignUpFields(taken.Email!), formPage: "/signup");

        AssertSame(newcomer, fresh, owner, taken.Email!);
        await app.MailAsync(fresh, Mail1);
        var told = await app.MailAsync(taken.Email!, AccountExistsMail);
        Assert.Contains("既存 花子 様", told.Text);
        Assert.Contains("すでに登録されています。新しいアカウントは作られていません。", told.Text);
        Assert.Contains("http://hellowork.test/login", told.Text);
        Assert.Contains("http://hellowork.test/password/reset", told.Text);
        Assert.DoesNotContain("認証キー", told.Text);
        Assert.Empty(await app.MailsSentAsync(taken.Email!, Mail1));
    }

    [Fact, Trait("Rule", "SEC-6"), Trait("Rule", "ACC-10")]
    public async Task Employer_sign_up_answers_an_address_in_use_as_a_new_one_and_tells_the_owner_by_mail()
    {
        var taken = await app.CreateUserAsync(UserKind.Seeker);
        var fresh = NewEmail("fresh");
        KeyValuePair<string, string>[] Fields(string email) => [new("AgreeTerms", "true"), new("Email", email)];

        var newcomer = await app.Anonymous().PostAtTheFloorAsync("/employer/signup", Fields(fresh), formPage: "/employer/signup");
        var owner = await app.Anonymous().PostAtTheFloorAsync("/employer/signup", Fields(taken.Email!), formPage: "/employer/signup");

        AssertSame(newcomer, fresh, owner, taken.Email!);
        await app.MailAsync(taken.Email!, AccountExistsMail);
    }

    [Fact, Trait("Rule", "SEC-6"), Trait("Rule", "ACC-1")]
    public async Task Opening_a_MyPage_answers_a_counter_registration_an_open_MyPage_and_an_unknown_address_the_same()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var counter = await app.RegisterAtCounterAsync(staff, "1990-04-01");
        var opened = await app.CreateUserAsync(UserKind.Seeker);
        var unknown = NewEmail("nobody");

        var stranger = await app.Anonymous().PostFormPageAsync("/mypage/open", OpenFields(unknown, "1990-04-01"), formPage: "/mypage/open");
        var match = await app.Anonymous().PostFormPageAsync("/mypage/open", OpenFields(counter, "1990-04-01"), formPage: "/mypage/open");
        var alreadyOpen = await app.Anonymous().PostFormPageAsync("/mypage/open", OpenFields(opened.Email!, "1990-04-01"), formPage: "/mypage/open");

        AssertSame(stranger, unknown, match, counter);
        AssertSame(stranger, unknown, alreadyOpen, opened.Email!);
        await app.MailAsync(counter, Mail1);
    }

    [Fact, Trait("Rule", "SEC-6"), Trait("Rule", "ACC-7")]
    public async Task Re_registration_answers_a_withdrawn_seeker_and_an_unknown_address_the_same()
    {
        var withdrawn = await app.WithdrawnSeekerAsync();
        var unknown = NewEmail("nobody");

        var stranger = await app.Anonymous().PostAtTheFloorAsync("/account/reregister", Login(unknown, HelloWorkApp.Password), formPage: "/account/reregister");
        var owner = await app.Anonymous().PostAtTheFloorAsync("/account/reregister", Login(withdrawn.Email!, HelloWorkApp.Password), formPage: "/account/reregister");
        var guess = await app.Anonymous().PostFormPageAsync("/account/reregister", Login(withdrawn.Email!, "Wrong-pass1"), formPage: "/account/reregister");

        AssertSame(stranger, unknown, owner, withdrawn.Email!);
        AssertSame(stranger, unknown, guess, withdrawn.Email!);
        await app.MailAsync(withdrawn.Email!, Mail3);
    }
}

public sealed class NoEnumerationTestsOnSqlite(SqliteApp app) : NoEnumerationTests(app), IClassFixture<SqliteApp>;

public sealed class NoEnumerationTestsOnPostgres(PostgresApp app) : NoEnumerationTests(app), IClassFixture<PostgresApp>;
