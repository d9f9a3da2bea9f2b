using HelloWork.Web.Domain;
using System.Net;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Audit;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Accounts.AccountSteps;

namespace HelloWork.Tests.Features.Accounts;

public abstract class OnlineRegistrationTests(HelloWorkApp app)
{
    private const string Password = "Sakura-saku5";
    private const string Mail5 = "【ハローワーク】求職登録完了通知";
    private const string Mail6 = "【ハローワーク】求職情報の一時保存通知";
    private const string Mail7 = "【ハローワーク】求職情報（一時保存）消去予告通知";
    private const string Mail8 = "【ハローワーク】求職情報（一時保存）の自動消去通知";

    private static readonly Dictionary<int, KeyValuePair<string, string>[]> Steps = new()
    {
        [1] = [new("FullName", "山本 さくら"), new("FullNameKana", "ヤマモト サクラ"), new("Prefecture", "東京都"), new("Phone", "03-1234-5678")],
        [2] = [new("DesiredJob", "一般事務"), new("EmploymentType", "FullTime"), new("HoursFrom", "09:00"), new("HoursTo", "17:30")],
        [3] = [new("DesiredPlace", "新宿区"), new("WageMin", "200000"), new("WageUnit", "Monthly")],
        [4] = [new("Education", "大学卒業"), new("Licenses", "普通自動車免許")],
        [5] = [new("Career", "2015年から事務職")],
        [6] = [],
        [7] = [new("SelfPr", "正確で速い入力が得意です。")],
    };

    private static KeyValuePair<string, string>[] StepFields(int step, string action, params KeyValuePair<string, string>[] over) =>
        [new("Step", step.ToString()), new("Action", action), .. Steps[step].Where(f => over.All(o => o.Key != f.Key)), .. over];

    /// <summary>Signs up online, reads mail #1, sets the password; returns the signed-in client on the registration form.</summary>
    private async Task<(string Email, UserClient Client)> SignedUpAsync()
    {
        var email = NewEmail("online");
        var client = app.Anonymous();
        var sent = await client.PostFormPageAsync("/signup",
            [.. OpenFields(email, "1995-06-15"), new("School", "NotStudent")], formPage: "/signup");
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        var key = KeyIn(await app.MailAsync(email, Mail1));
        using var done = await client.PostFormAsync("/signup/key",
            [new("Email", email), new("Key", key), new("Password", Password), new("PasswordConfirm", Password)], formPage: "/signup/key", htmx: false);
        Assert.Equal("/registration", done.Headers.Location!.OriginalString);
        client.ForgetToken();
        return (email, client);
    }

    [Fact, Trait("Rule", "ACC-2")]
    public async Task A_seeker_signs_up_online_files_the_registration_in_steps_and_the_MyPage_opens_with_mail_5()
    {
        var (email, client) = await SignedUpAsync();
        using var early = await client.GetAsync("/mypage");
        Assert.Equal("/registration", early.Headers.Location!.OriginalString); // no MyPage before the registration

        for (var step = 1; step < 7; step++)
        {
            var page = await client.PostFormPageAsync("/registration", StepFields(step, "next"), formPage: "/registration");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal($"ステップ {step + 1} / 7", page.Text(".step-counter"));
        }
        using var complete = await client.PostFormAsync("/registration", StepFields(7, "complete"), formPage: "/registration", htmx: false);

        Assert.Equal("/mypage", complete.Headers.Location!.OriginalString);
        Assert.Equal("山本 さくら", (await client.PageAsync("/mypage")).Text(".user-name"));
        var mail = await app.MailAsync(email, Mail5);
        Assert.Contains("山本 さくら 様", mail.Text);
        var seeker = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.True(seeker.IsOnlineOnlyRegistrant);
        Assert.True(seeker.HasValidRegistration(app.Clock.UtcNow));
        Assert.Equal(JapanTime.EndOfSecondMonthAfter(app.Clock.UtcNow), seeker.RegistrationValidUntil!.Value, TimeSpan.FromMilliseconds(1));
        var stored = await app.WithDbAsync(db => db.Set<SeekerRegistration>().SingleAsync(r => r.UserId == seeker.Id));
        Assert.Equal("一般事務", stored.Read().DesiredJob);
        Assert.NotNull(await app.TrySignInAsync(email, Password));
    }

    [Fact, Trait("Rule", "ACC-2")]
    public async Task Staff_make_an_online_only_registrant_a_full_user_and_it_is_audited()
    {
        var (email, client) = await SignedUpAsync();
        for (var step = 1; step < 7; step++) await client.PostFormAsync("/registration", StepFields(step, "next"), formPage: "/registration");
        await client.PostFormAsync("/registration", StepFields(7, "complete"), formPage: "/registration", htmx: false);
        var (staffUser, staff) = await app.SignedInAsync(UserKind.Staff);

        var page = await staff.PostFormPageAsync("/staff/seekers/confirm", [new("Email", email)], formPage: "/staff/seekers/confirm");
        var again = await staff.PostFormPageAsync("/staff/seekers/confirm", [new("Email", email)], formPage: "/staff/seekers/confirm");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.Status);
        var seeker = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.False(seeker.IsOnlineOnlyRegistrant);
        Assert.True(await app.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.ActorId == staffUser.Id && a.Action == "seeker.confirm-registration" && a.SubjectUserId == seeker.Id)));
    }

    [Fact, Trait("Rule", "ACC-2")]
    public async Task A_temporary_save_mails_6_day_7_warns_with_mail_7_and_day_14_deletes_the_draft_with_mail_8_each_once()
    {
        var (email, client) = await SignedUpAsync();
        await client.PostFormAsync("/registration", StepFields(1, "next"), formPage: "/registration");
        var saved = await client.PostFormPageAsync("/registration", StepFields(2, "save"), formPage: "/registration");
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Contains("一時保存しました", saved.Text(".success"));
        await app.MailAsync(email, Mail6);
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

        app.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        await app.RunTimedRulesAsync();
        await app.DispatchMailAsync();
        Assert.DoesNotContain(app.Mail.All(), m => m.To == email && m.Subject == Mail7);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.RunTimedRulesAsync();
        await app.RunTimedRulesAsync();
        await app.MailAsync(email, Mail7);
        Assert.True(await app.WithDbAsync(db => db.Set<SeekerRegistration>().AnyAsync(r => r.UserId == userId)));

        app.Clock.Advance(TimeSpan.FromDays(7));
        await app.RunTimedRulesAsync();
        await app.RunTimedRulesAsync();
        await app.MailAsync(email, Mail8);
        await app.DispatchMailAsync();

        Assert.False(await app.WithDbAsync(db => db.Set<SeekerRegistration>().AnyAsync(r => r.UserId == userId)));
        Assert.Single(app.Mail.All(), m => m.To == email && m.Subject == Mail7);
        Assert.Single(app.Mail.All(), m => m.To == email && m.Subject == Mail8);
        var form = await (await app.TrySignInAsync(email, Password))!.PageAsync("/registration");
        Assert.Equal("ステップ 1 / 7", form.Text(".step-counter"));
        Assert.Equal("", form.Document.QuerySelector("#reg-fullname")!.GetAttribute("value") ?? "");
    }

    [Theory, Trait("Rule", "ACC-2")]
    [InlineData(1, "FullNameKana", "やまもと", "#reg-fullnamekana-error", "フリガナは全角カタカナで入力してください。")]
    [InlineData(1, "Phone", "０３-１２３４-５６７８", "#reg-phone-error", "電話番号は半角数字とハイフンで入力してください（例: 03-1234-5678）。")]
    [InlineData(1, "FullName", "", "#reg-fullname-error", "入力してください。")]
    [InlineData(1, "FullName", "山本山本山本山本山本山本山本山本山本山本山本山本山本山本山本山本山本山本山本山本山本山本山本山本山本山", "#reg-fullname-error", "50文字以内で入力してください（現在51文字）。")]
    [InlineData(2, "HoursTo", "08:00", "#reg-hoursto-error", "終了時刻は開始時刻より後にしてください。")]
    [InlineData(3, "WageMin", "２０万円", "#reg-wagemin-error", "賃金は半角数字7桁以内で入力してください。")]
    public async Task Bad_input_on_a_registration_step_is_answered_with_a_clear_message_and_kept(int step, string field, string value, string errorAt, string message)
    {
        var (_, client) = await SignedUpAsync();
        for (var s = 1; s < step; s++) await client.PostFormAsync("/registration", StepFields(s, "next"), formPage: "/registration");

        var page = await client.PostFormPageAsync("/registration", StepFields(step, "next", new KeyValuePair<string, string>(field, value)), formPage: "/registration");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal(message, page.Text(errorAt));
        Assert.Equal($"ステップ {step} / 7", page.Text(".step-counter"));
        Assert.Equal(value, page.Document.QuerySelector($"#reg-{field.ToLowerInvariant()}")!.GetAttribute("value") ?? "");
    }

    [Fact, Trait("Rule", "ACC-4")]
    public async Task Online_sign_up_refuses_a_high_school_student_with_the_reason()
    {
        var page = await app.Anonymous().PostFormPageAsync("/signup",
            [.. OpenFields(NewEmail("student"), "2009-04-01"), new("School", "MiddleOrHighSchool")], formPage: "/signup");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal("中学・高校在学中の方（夜間・定時制の生徒を除く）はマイページを開設できません。", page.Text("#signup-birth-error"));
    }

    [Fact, Trait("Rule", "ACC-2")]
    public async Task Signing_up_with_an_address_already_in_use_gets_the_same_answer_and_no_mail()
    {
        var taken = await app.CreateUserAsync(UserKind.Seeker);
        var fresh = NewEmail("fresh");

        var takenPage = await app.Anonymous().PostFormPageAsync("/signup", [.. OpenFields(taken.Email!, "1995-06-15"), new("School", "NotStudent")], formPage: "/signup");
        var freshPage = await app.Anonymous().PostFormPageAsync("/signup", [.. OpenFields(fresh, "1995-06-15"), new("School", "NotStudent")], formPage: "/signup");

        Assert.Equal(freshPage.Status, takenPage.Status);
        Assert.Equal(freshPage.Text(".success"), takenPage.Text(".success"));
        await app.MailAsync(fresh, Mail1);
        Assert.DoesNotContain(app.Mail.All(), m => m.To == taken.Email && m.Subject == Mail1);
    }
}

public sealed class OnlineRegistrationTestsOnSqlite(SqliteApp app) : OnlineRegistrationTests(app), IClassFixture<SqliteApp>;

public sealed class OnlineRegistrationTestsOnPostgres(PostgresApp app) : OnlineRegistrationTests(app), IClassFixture<PostgresApp>;
