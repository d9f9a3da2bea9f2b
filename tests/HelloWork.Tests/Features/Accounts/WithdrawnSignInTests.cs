using System.Globalization;
using System.Net;
using HelloWork.Web.Domain;
using HelloWork.Web.Features.Accounts;
using static HelloWork.Tests.Features.Accounts.AccountSteps;

namespace HelloWork.Tests.Features.Accounts;

/// <summary>ACC-6 and ACC-7 as the withdrawn seeker meets them: the button, the last day shown as a date, and what the right password is told.</summary>
public abstract class WithdrawnSignInTests(HelloWorkApp app)
{
    private static string Date(DateOnly day) => day.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);

    private DateOnly LastDayIfWithdrawnNow => JapanTime.Today(app.Clock.UtcNow).AddDays(AppUser.ReregistrationDays);

    private Task<Page> SignInAsync(string email, string password) =>
        app.Anonymous().PostFormPageAsync("/login", Login(email, password), formPage: "/login");

    [Fact, Trait("Rule", "ACC-6"), Trait("Rule", "ACC-7")]
    public async Task The_withdrawal_button_says_withdraw_and_the_page_shows_the_last_day_of_re_registration_as_a_date()
    {
        var (_, client) = await app.SignedInAsync(UserKind.Seeker);
        var lastDay = LastDayIfWithdrawnNow;

        var page = await client.PageAsync("/account/withdraw");
        using var done = await client.PostFormAsync("/account/withdraw", [], formPage: "/account/withdraw", htmx: false);
        var login = await app.Anonymous().PageAsync(done.Headers.Location!.OriginalString);
        var (_, english) = await app.SignedInAsync(UserKind.Seeker);
        var en = await english.PageAsync("/account/withdraw?lang=en");

        Assert.Equal("退会する", page.Text("#withdraw-submit"));
        Assert.Equal($"今日退会した場合、{Date(lastDay)}までは、以前のメールアドレスとパスワードでアカウントを再登録できます。", page.Text("#withdraw-reregister-until"));
        Assert.Equal($"マイページを退会しました。{Date(lastDay)}までは、ログイン画面の「アカウントを再登録」から元に戻せます。", login.Text("#login .success"));
        Assert.Equal("Withdraw", en.Text("#withdraw-submit"));
        Assert.Contains(Date(lastDay), en.Text("#withdraw-reregister-until"));
    }

    [Fact, Trait("Rule", "ACC-6"), Trait("Rule", "ACC-7")]
    public async Task A_withdrawn_seeker_with_the_right_password_is_told_so_and_offered_re_registration_until_the_last_day()
    {
        var lastDay = LastDayIfWithdrawnNow;
        var user = await app.WithdrawnSeekerAsync();

        var page = await SignInAsync(user.Email!, HelloWorkApp.Password);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal(["このアカウントは退会しています。", $"{Date(lastDay)}までは、以前のメールアドレスとパスワードでアカウントを再登録できます。", "アカウントを再登録する"],
            page.Texts("#login-withdrawn p"));
        Assert.Equal("/account/reregister", page.Document.QuerySelector("#login-reregister")!.GetAttribute("href"));
        Assert.DoesNotContain(Mismatch, page.Html);
        Assert.Equal(user.Email, page.Document.QuerySelector("#login-email")!.GetAttribute("value"));
    }

    [Fact, Trait("Rule", "ACC-7")]
    public async Task Re_registration_stays_open_through_the_whole_last_day_in_Japan_and_then_the_right_password_is_pointed_to_a_new_sign_up()
    {
        var lastDay = LastDayIfWithdrawnNow;
        var user = await app.WithdrawnSeekerAsync();

        app.Clock.SetUtcNow(new DateTimeOffset(JapanTime.EndOfDay(lastDay), TimeSpan.Zero)); // 23:59:59.9999999 in Japan
        var lastMoment = await SignInAsync(user.Email!, HelloWorkApp.Password);
        var sent = await app.Anonymous().PostFormPageAsync("/account/reregister", Login(user.Email!, HelloWorkApp.Password), formPage: "/account/reregister");
        await app.MailAsync(user.Email!, Mail3);
        app.Clock.Advance(TimeSpan.FromTicks(1)); // midnight: the next day
        var nextDay = await SignInAsync(user.Email!, HelloWorkApp.Password);

        Assert.True(lastMoment.Has("#login-reregister"));
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nextDay.Status);
        Assert.Equal(["このアカウントは退会しています。", "退会から30日を過ぎたため、再登録はできません。新たにアカウントを登録するか、ハローワークにご相談ください。", "はじめての方（オンラインで求職申込み）"],
            nextDay.Texts("#login-withdrawn p"));
        Assert.False(nextDay.Has("#login-reregister"));
        Assert.False(await app.WithDbAsync(async db => (await db.Users.FindAsync(user.Id))!.CanReregister(app.Clock.UtcNow)));
    }

    [Fact, Trait("Rule", "ACC-7")]
    public void The_last_instant_of_re_registration_is_the_end_of_the_30th_day_after_the_withdrawal_in_Japan()
    {
        var seeker = AppUser.Create(UserKind.Seeker, "rule@test.example", "規則 確認", HelloWorkApp.Start.UtcDateTime);
        var withdrawnAt = new DateTime(2026, 11, 24, 14, 30, 0, DateTimeKind.Utc); // 23:30 on 24 Nov in Japan

        seeker.Withdraw(hasActiveSelfApplication: false, withdrawnAt);

        Assert.Equal(new DateTime(2026, 12, 24, 14, 59, 59, DateTimeKind.Utc).AddTicks(TimeSpan.TicksPerSecond - 1), seeker.ReregistrationEnds);
        Assert.True(seeker.CanReregister(seeker.ReregistrationEnds!.Value));
        Assert.False(seeker.CanReregister(seeker.ReregistrationEnds!.Value.AddTicks(1)));
    }
}

public sealed class WithdrawnSignInTestsOnSqlite(SqliteApp app) : WithdrawnSignInTests(app), IClassFixture<SqliteApp>;

public sealed class WithdrawnSignInTestsOnPostgres(PostgresApp app) : WithdrawnSignInTests(app), IClassFixture<PostgresApp>;
