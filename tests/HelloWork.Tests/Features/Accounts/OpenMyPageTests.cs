using HelloWork.Web.Domain;
using System.Diagnostics;
using System.Net;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Audit;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Accounts.AccountSteps;

namespace HelloWork.Tests.Features.Accounts;

public abstract class OpenMyPageTests(HelloWorkApp app)
{
    private const string NewPassword = "Hikari-7kumo";

    [Fact, Trait("Rule", "ACC-1")]
    public async Task A_seeker_registered_at_the_counter_opens_the_MyPage_with_the_mailed_auth_key_and_signs_in()
    {
        var (staffUser, staff) = await app.SignedInAsync(UserKind.Staff);
        var email = await app.RegisterAtCounterAsync(staff, "1990-04-01");
        Assert.Null(await app.TrySignInAsync(email, NewPassword)); // no password yet

        var seeker = app.Anonymous();
        var sent = await seeker.PostFormPageAsync("/mypage/open", OpenFields(email, "1990-04-01"), formPage: "/mypage/open");
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.True(sent.Has("#auth-key form"));
        var mail = await app.MailAsync(email, Mail1);
        Assert.Contains("窓口 太郎 様", mail.Text);
        Assert.Contains("50分", mail.Text);
        var key = KeyIn(mail);
        Assert.Contains(key, mail.Html);

        using var opened = await seeker.PostFormAsync("/mypage/open/key",
            [new("Email", email), new("Key", key), new("Password", NewPassword), new("PasswordConfirm", NewPassword)], htmx: false);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/login?done=opened", opened.Headers.Location!.OriginalString);

        var signedIn = await app.TrySignInAsync(email, NewPassword);
        Assert.NotNull(signedIn);
        Assert.Equal("求職者マイページ", (await signedIn.PageAsync("/mypage")).Text("main h1"));
        var stored = await app.WithDbAsync(db => db.Set<AuthKey>().SingleAsync(k => k.UsedAt != null && k.Purpose == AuthKeyPurpose.OpenMyPage && db.Users.Any(u => u.Id == k.UserId && u.Email == email)));
        Assert.DoesNotContain(key, stored.KeyHash); // only a hash is kept
        Assert.True(await app.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.ActorId == staffUser.Id && a.Action == "seeker.register" && a.Detail == email)));
    }

    [Fact, Trait("Rule", "ACC-1")]
    public async Task A_wrong_birth_date_and_an_unknown_address_get_the_same_answer_in_about_the_same_time_and_no_mail()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var email = await app.RegisterAtCounterAsync(staff, "1985-12-31");
        var unknown = NewEmail("nobody");

        var t1 = Stopwatch.StartNew();
        var wrongBirth = await app.Anonymous().PostFormPageAsync("/mypage/open", OpenFields(email, "1985-12-30"), formPage: "/mypage/open");
        t1.Stop();
        var t2 = Stopwatch.StartNew();
        var wrongEmail = await app.Anonymous().PostFormPageAsync("/mypage/open", OpenFields(unknown, "1985-12-31"), formPage: "/mypage/open");
        t2.Stop();
        var t3 = Stopwatch.StartNew();
        var right = await app.Anonymous().PostFormPageAsync("/mypage/open", OpenFields(email, "1985-12-31"), formPage: "/mypage/open");
        t3.Stop();

        Assert.Equal(wrongBirth.Status, wrongEmail.Status);
        Assert.Equal(right.Status, wrongEmail.Status);
        Assert.Equal(right.Text(".success"), wrongBirth.Text(".success"));
        Assert.Equal(right.Text(".success"), wrongEmail.Text(".success"));
        foreach (var t in new[] { t1, t2, t3 })
        {
            Assert.InRange(t.Elapsed, AuthKeyFlow.AnswerFloor, AuthKeyFlow.AnswerFloor + TimeSpan.FromSeconds(2));
        }
        await app.MailAsync(email, Mail1); // the right pair did send
        await app.DispatchMailAsync();
        Assert.Single(app.Mail.All(), m => m.To == email);
        Assert.DoesNotContain(app.Mail.All(), m => m.To == unknown);
    }

    [Fact, Trait("Rule", "ACC-1")]
    public async Task The_auth_key_stops_working_after_50_minutes()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var email = await app.RegisterAtCounterAsync(staff);
        await app.Anonymous().PostFormAsync("/mypage/open", OpenFields(email, "1990-04-01"), formPage: "/mypage/open");
        var key = KeyIn(await app.MailAsync(email, Mail1));

        app.Clock.Advance(TimeSpan.FromMinutes(50));
        var late = await app.Anonymous().PostFormPageAsync("/mypage/open/key",
            [new("Email", email), new("Key", key), new("Password", NewPassword), new("PasswordConfirm", NewPassword)], formPage: "/mypage/open/key");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.Status);
        Assert.Contains("有効期限（50分）", late.Text("#key-key-error"));
        Assert.Null(await app.TrySignInAsync(email, NewPassword));
    }

    [Fact, Trait("Rule", "ACC-1")]
    public async Task An_auth_key_is_good_once_and_a_few_wrong_tries_use_it_up()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var email = await app.RegisterAtCounterAsync(staff);
        await app.Anonymous().PostFormAsync("/mypage/open", OpenFields(email, "1990-04-01"), formPage: "/mypage/open");
        var key = KeyIn(await app.MailAsync(email, Mail1));
        var client = app.Anonymous();

        for (var i = 0; i < AuthKey.MaxAttempts; i++)
        {
            var wrong = await client.PostFormPageAsync("/mypage/open/key",
                [new("Email", email), new("Key", "WRONGKEY"), new("Password", NewPassword), new("PasswordConfirm", NewPassword)], formPage: "/mypage/open/key");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.Status);
        }
        var right = await client.PostFormPageAsync("/mypage/open/key",
            [new("Email", email), new("Key", key), new("Password", NewPassword), new("PasswordConfirm", NewPassword)], formPage: "/mypage/open/key");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, right.Status); // used up by the wrong tries
        Assert.Null(await app.TrySignInAsync(email, NewPassword));
    }

    [Fact, Trait("Rule", "ACC-1")]
    public async Task Both_consents_are_required_and_the_form_keeps_what_was_typed()
    {
        var page = await app.Anonymous().PostFormPageAsync("/mypage/open", OpenFields("keep@test.example", "1990-04-01", privacy: false, terms: false), formPage: "/mypage/open");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal("プライバシーポリシーへの同意が必要です。", page.Text("#open-privacy-error"));
        Assert.Equal("利用規約への同意が必要です。", page.Text("#open-terms-error"));
        Assert.Equal("keep@test.example", page.Document.QuerySelector("#open-email")!.GetAttribute("value"));
        Assert.Equal("1990-04-01", page.Document.QuerySelector("#open-birth")!.GetAttribute("value"));
        Assert.Equal("プライバシーポリシー", (await app.Anonymous().PageAsync("/privacy")).Text("main h1"));
        Assert.Equal("利用規約", (await app.Anonymous().PageAsync("/terms")).Text("main h1"));
    }

    [Theory, Trait("Rule", "ACC-1")]
    [InlineData("", "1990-04-01", "#open-email-error", "入力してください。")]
    [InlineData("a b@test.example", "1990-04-01", "#open-email-error", "メールアドレスの形式が正しくありません（空白は使えません）。")]
    [InlineData("not-an-address", "1990-04-01", "#open-email-error", "メールアドレスの形式が正しくありません（空白は使えません）。")]
    [InlineData("ok@test.example", "", "#open-birth-error", "入力してください。")]
    [InlineData("ok@test.example", "2099-01-01", "#open-birth-error", "生年月日に未来の日付は指定できません。")]
    [InlineData("ok@test.example", "１９９０年", "#open-birth-error", "日付の形式が正しくありません（例: 1990-04-01）。")]
    [InlineData("ok@test.example", "1990-02-30", "#open-birth-error", "日付の形式が正しくありません（例: 1990-04-01）。")]
    public async Task Bad_input_on_the_opening_form_is_answered_with_a_clear_message(string email, string birth, string errorAt, string message)
    {
        var page = await app.Anonymous().PostFormPageAsync("/mypage/open", OpenFields(email, birth), formPage: "/mypage/open");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal(message, page.Text(errorAt));
        Assert.Equal(email, page.Document.QuerySelector("#open-email")!.GetAttribute("value") ?? "");
    }

    [Fact, Trait("Rule", "ACC-3")]
    public async Task A_password_that_breaks_the_rules_is_refused_with_the_reason_before_the_key_is_used()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var email = await app.RegisterAtCounterAsync(staff);
        await app.Anonymous().PostFormAsync("/mypage/open", OpenFields(email, "1990-04-01"), formPage: "/mypage/open");
        var key = KeyIn(await app.MailAsync(email, Mail1));
        var client = app.Anonymous();

        var weak = await client.PostFormPageAsync("/mypage/open/key",
            [new("Email", email), new("Key", key), new("Password", "P@ssw0rd!"), new("PasswordConfirm", "P@ssw0rd!")], formPage: "/mypage/open/key");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, weak.Status);
        Assert.Equal("このパスワードはよく使われているため使えません。", weak.Text("#key-password-error"));
        Assert.Equal(key, weak.Document.QuerySelector("#key-key")!.GetAttribute("value"));
        Assert.DoesNotContain("P@ssw0rd!", weak.Html);

        using var good = await client.PostFormAsync("/mypage/open/key",
            [new("Email", email), new("Key", key), new("Password", NewPassword), new("PasswordConfirm", NewPassword)], htmx: false);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
    }

    [Theory, Trait("Rule", "ACC-4")]
    [InlineData(-15, "MiddleOrHighSchool", "15歳以下の方はマイページを開設できません。")]
    [InlineData(-16, "MiddleOrHighSchool", "中学・高校在学中の方（夜間・定時制の生徒を除く）はマイページを開設できません。")]
    [InlineData(-15, "NotStudent", "15歳以下の方はマイページを開設できません。")]
    public async Task Staff_cannot_register_someone_who_may_not_have_a_MyPage_and_are_told_why(int years, string school, string message)
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        // Birthday is today in Japan: -15 years means just turned 15; -16 just turned 16.
        var birth = DateOnly.FromDateTime(JapanTime.ToJst(app.Clock.UtcNow).DateTime).AddYears(years).ToString("yyyy-MM-dd");
        var email = NewEmail("young");

        var page = await staff.PostFormPageAsync("/staff/seekers",
            [new("DisplayName", "未成年 花子"), new("Email", email), new("BirthDate", birth), new("School", school)], formPage: "/staff/seekers/new");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal(message, page.Text("#seeker-birth-error"));
        Assert.Equal("未成年 花子", page.Document.QuerySelector("#seeker-name")!.GetAttribute("value"));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact, Trait("Rule", "ACC-4")]
    public async Task A_sixteen_year_old_in_a_night_course_may_be_registered()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var birth = DateOnly.FromDateTime(JapanTime.ToJst(app.Clock.UtcNow).DateTime).AddYears(-16).ToString("yyyy-MM-dd");
        var email = NewEmail("night");

        var page = await staff.PostFormPageAsync("/staff/seekers",
            [new("DisplayName", "定時制 次郎"), new("Email", email), new("BirthDate", birth), new("School", "NightOrPartTimeCourse")], formPage: "/staff/seekers/new");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(email, page.Text(".success"));
    }

    [Fact, Trait("Rule", "ACC-1")]
    public async Task Spent_and_expired_auth_keys_are_removed_by_the_server_once()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var email = await app.RegisterAtCounterAsync(staff);
        await app.Anonymous().PostFormAsync("/mypage/open", OpenFields(email, "1990-04-01"), formPage: "/mypage/open");
        await app.MailAsync(email, Mail1);

        Assert.True(await app.WithDbAsync(db => db.Set<AuthKey>().AnyAsync(k => db.Users.Any(u => u.Id == k.UserId && u.Email == email))));

        app.Clock.Advance(TimeSpan.FromMinutes(51));
        await app.RunTimedRulesAsync(); // (the server's own runner may have been first)
        var second = await app.RunTimedRulesAsync();

        Assert.Equal(0, second["accounts.expired-auth-keys"]);
        Assert.False(await app.WithDbAsync(db => db.Set<AuthKey>().AnyAsync(k => db.Users.Any(u => u.Id == k.UserId && u.Email == email))));
    }
}

public sealed class OpenMyPageTestsOnSqlite(SqliteApp app) : OpenMyPageTests(app), IClassFixture<SqliteApp>;

public sealed class OpenMyPageTestsOnPostgres(PostgresApp app) : OpenMyPageTests(app), IClassFixture<PostgresApp>;

public abstract class AccountPagesTests(HelloWorkApp app)
{
    [Theory]
    [InlineData("/mypage/open", "ハローワークをご利用中の方のマイページ開設", "Open a MyPage (registered at a Hello Work office)")]
    [InlineData("/signup", "アカウントの登録（オンライン求職申込み）", "Create an account (online registration)")]
    [InlineData("/password/reset", "パスワードの再登録", "Reset your password")]
    [InlineData("/account/reregister", "アカウントの再登録", "Re-register your account")]
    [InlineData("/employer/signup", "求人者マイページの開設", "Open an employer MyPage")]
    [InlineData("/employer/signup/key", "メールアドレスの確認とパスワードの登録", "Verify your address and set a password")]
    [InlineData("/password/reset/key", "新しいパスワードの登録", "Set a new password")]
    [InlineData("/mypage/open/key", "パスワードの登録", "Set your password")]
    [InlineData("/account/reregister/key", "アカウント再登録の完了", "Complete re-registration")]
    [InlineData("/privacy", "プライバシーポリシー", "Privacy policy")]
    [InlineData("/terms", "利用規約", "Terms of use")]
    public async Task Every_account_page_opens_without_signing_in_in_Japanese_and_in_English(string url, string japanese, string english)
    {
        var ja = await app.Anonymous().PageAsync(url);
        var en = await app.Anonymous().PageAsync(url + "?lang=en");

        Assert.Equal(System.Net.HttpStatusCode.OK, ja.Status);
        Assert.Equal(japanese, ja.Text("main h1"));
        Assert.Equal(english, en.Text("main h1"));
    }
}

public abstract class AccountFormInputTests(HelloWorkApp app)
{
    [Theory]
    [InlineData("/password/reset", "#reset-email", "#reset-email-error")]
    [InlineData("/account/reregister", "#rereg-email", "#rereg-email-error")]
    [InlineData("/signup", "#signup-email", "#signup-email-error")]
    [InlineData("/employer/signup", "#emp-email", "#emp-email-error")]
    public async Task An_e_mail_with_spaces_too_long_or_empty_is_refused_with_a_clear_message_and_kept(string form, string input, string error)
    {
        foreach (var (typed, message) in new[]
        {
            ("a b@test.example", "メールアドレスの形式が正しくありません（空白は使えません）。"),
            (new string('a', 250) + "@t.jp", "メールアドレスの形式が正しくありません（空白は使えません）。"),
            ("", "入力してください。"),
        })
        {
            var page = await app.Anonymous().PostFormPageAsync(form, [new("Email", typed), new("Password", "x")], formPage: form);

            Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, page.Status);
            Assert.Equal(message, page.Text(error));
            Assert.Equal(typed, page.Document.QuerySelector(input)!.GetAttribute("value") ?? "");
        }
    }
}

public sealed class AccountFormInputTestsOnSqlite(SqliteApp app) : AccountFormInputTests(app), IClassFixture<SqliteApp>;

public sealed class AccountFormInputTestsOnPostgres(PostgresApp app) : AccountFormInputTests(app), IClassFixture<PostgresApp>;

public sealed class AccountPagesTestsOnSqlite(SqliteApp app) : AccountPagesTests(app), IClassFixture<SqliteApp>;
