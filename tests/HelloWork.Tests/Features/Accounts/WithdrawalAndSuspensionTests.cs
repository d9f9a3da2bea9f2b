using System.Net;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Audit;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Accounts.AccountSteps;

namespace HelloWork.Tests.Features.Accounts;

public abstract class WithdrawalAndSuspensionTests(HelloWorkApp app)
{
    private async Task<(AppUser User, UserClient Client)> WithdrawnSeekerAsync()
    {
        var (user, client) = await app.SignedInAsync(UserKind.Seeker);
        var confirm = await client.PageAsync("/account/withdraw");
        Assert.Equal("求職者マイページ退会確認", confirm.Text("main h1"));
        using var done = await client.PostFormAsync("/account/withdraw", [], formPage: "/account/withdraw", htmx: false);
        Assert.Equal("/login?done=withdrawn", done.Headers.Location!.OriginalString);
        return (user, client);
    }

    [Fact, Trait("Rule", "ACC-6")]
    public async Task A_seeker_withdraws_through_settings_and_confirmation_and_then_cannot_sign_in()
    {
        var (user, client) = await app.SignedInAsync(UserKind.Seeker);
        var settings = await client.PageAsync("/account/settings");
        Assert.Equal("/account/withdraw", settings.Document.QuerySelector("a#withdraw-link")!.GetAttribute("href"));

        var elsewhere = await app.SignInAsync(user);
        using var done = await client.PostFormAsync("/account/withdraw", [], formPage: "/account/withdraw", htmx: false);

        Assert.Equal("/login?done=withdrawn", done.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/mypage")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/mypage")).StatusCode);
        var refused = await app.Anonymous().PostFormPageAsync("/login", Login(user.Email!, HelloWorkApp.Password), formPage: "/login");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal("このアカウントは退会しています。", refused.Text("#login-withdrawn p"));
    }

    [Fact, Trait("Rule", "ACC-6")]
    public async Task Employers_have_no_withdrawal_page()
    {
        var (_, employer) = await app.SignedInAsync(UserKind.Employer);

        Assert.Equal(HttpStatusCode.NotFound, (await employer.GetAsync("/account/withdraw")).StatusCode);
        Assert.False((await employer.PageAsync("/account/settings")).Has("#withdraw-link"));
    }

    [Fact, Trait("Rule", "ACC-7")]
    public async Task Within_30_days_the_old_email_and_password_restore_the_account_with_the_key_of_mail_3()
    {
        var (user, _) = await WithdrawnSeekerAsync();
        app.Clock.Advance(TimeSpan.FromDays(29));
        var client = app.Anonymous();

        var sent = await client.PostFormPageAsync("/account/reregister", Login(user.Email!, HelloWorkApp.Password), formPage: "/account/reregister");
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        var key = KeyIn(await app.MailAsync(user.Email!, Mail3));
        using var done = await client.PostFormAsync("/account/reregister/key", [new("Email", user.Email!), new("Key", key)], formPage: "/account/reregister/key", htmx: false);

        Assert.Equal("/login?done=reregistered", done.Headers.Location!.OriginalString);
        Assert.NotNull(await app.TrySignInAsync(user.Email!, HelloWorkApp.Password));
    }

    [Fact, Trait("Rule", "ACC-7")]
    public async Task After_30_days_or_with_a_wrong_password_no_key_is_sent_and_the_answer_is_the_same()
    {
        var (late, _) = await WithdrawnSeekerAsync();
        var (wrongPassword, _) = await WithdrawnSeekerAsync();
        app.Clock.Advance(TimeSpan.FromDays(AppUser.ReregistrationDays + 1)); // past the 30th day (Japan time)
        var (recent, _) = await WithdrawnSeekerAsync();

        var tooLate = await app.Anonymous().PostFormPageAsync("/account/reregister", Login(late.Email!, HelloWorkApp.Password), formPage: "/account/reregister");
        var wrong = await app.Anonymous().PostFormPageAsync("/account/reregister", Login(recent.Email!, "Not-the-pass1"), formPage: "/account/reregister");

        Assert.Equal(tooLate.Status, wrong.Status);
        Assert.Equal(tooLate.Text(".success"), wrong.Text(".success"));
        await app.DispatchMailAsync();
        Assert.DoesNotContain(app.Mail.All(), m => m.Subject == Mail3 && (m.To == late.Email || m.To == recent.Email || m.To == wrongPassword.Email));
        Assert.Null(await app.TrySignInAsync(late.Email!, HelloWorkApp.Password));
    }

    [Fact, Trait("Rule", "ACC-7")]
    public async Task After_30_days_the_seeker_can_register_anew_online_with_the_same_address()
    {
        var (old, _) = await WithdrawnSeekerAsync();
        var signUp = () => app.Anonymous().PostFormPageAsync("/signup", [.. OpenFields(old.Email!, "1995-06-15"), new("School", "NotStudent")], formPage: "/signup");

        await signUp(); // within the 30 days the address still belongs to the withdrawn account
        Assert.Equal(old.Email, await app.WithDbAsync(db => db.Users.Where(u => u.Id == old.Id).Select(u => u.Email).SingleAsync()));
        app.Clock.Advance(TimeSpan.FromDays(31));
        await signUp();

        var key = KeyIn(await app.MailAsync(old.Email!, Mail1));
        using var done = await app.Anonymous().PostFormAsync("/signup/key",
            [new("Email", old.Email!), new("Key", key), new("Password", "Atarashii-1"), new("PasswordConfirm", "Atarashii-1")], formPage: "/signup/key", htmx: false);
        Assert.Equal("/registration", done.Headers.Location!.OriginalString);
        var accounts = await app.WithDbAsync(db => db.Users.Where(u => u.Id == old.Id || u.Email == old.Email).Select(u => new { u.Id, u.Email, u.WithdrawnAt }).ToListAsync());
        Assert.Equal(2, accounts.Count);
        var kept = accounts.Single(a => a.Id == old.Id);
        Assert.EndsWith("@hellowork.invalid", kept.Email);
        Assert.NotNull(kept.WithdrawnAt); // the old registration is kept (for the 5-year rule), unreachable
        Assert.Null(accounts.Single(a => a.Id != old.Id).WithdrawnAt);
    }

    [Fact, Trait("Rule", "ACC-7")]
    public async Task After_30_days_staff_reopen_the_account_and_the_seeker_opens_the_MyPage_again_with_mail_1()
    {
        var (staffUser, staff) = await app.SignedInAsync(UserKind.Staff);
        var registered = await app.RegisterAtCounterAsync(staff, "1979-03-03");
        await app.Anonymous().PostFormAsync("/mypage/open", OpenFields(registered, "1979-03-03"), formPage: "/mypage/open");
        var key = KeyIn(await app.MailAsync(registered, Mail1));
        await app.Anonymous().PostFormAsync("/mypage/open/key",
            [new("Email", registered), new("Key", key), new("Password", "Hajime-no1"), new("PasswordConfirm", "Hajime-no1")], formPage: "/mypage/open/key", htmx: false);
        var client = await app.TrySignInAsync(registered, "Hajime-no1");
        await client!.PostFormAsync("/account/withdraw", [], formPage: "/account/withdraw", htmx: false);
        app.Clock.Advance(TimeSpan.FromDays(31));
        staff = await app.SignInAsync(staffUser); // the first staff cookie expired while time passed

        var page = await staff.PostFormPageAsync("/staff/seekers/reopen", [new("Email", registered)], formPage: "/staff/seekers/reopen");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Null(await app.TrySignInAsync(registered, "Hajime-no1")); // the old password is gone
        var mailsBefore = app.Mail.All().Count(m => m.To == registered && m.Subject == Mail1);
        await app.Anonymous().PostFormAsync("/mypage/open", OpenFields(registered, "1979-03-03"), formPage: "/mypage/open");
        await app.DispatchMailAsync();
        var deadline = DateTime.UtcNow + MailWait;
        while (app.Mail.All().Count(m => m.To == registered && m.Subject == Mail1) == mailsBefore && DateTime.UtcNow < deadline) await Task.Delay(50);
        var newKey = KeyIn(app.Mail.All().Last(m => m.To == registered && m.Subject == Mail1));
        using var reopened = await app.Anonymous().PostFormAsync("/mypage/open/key",
            [new("Email", registered), new("Key", newKey), new("Password", "Futatabi-2x"), new("PasswordConfirm", "Futatabi-2x")], formPage: "/mypage/open/key", htmx: false);

        Assert.Equal("/login?done=opened", reopened.Headers.Location!.OriginalString);
        Assert.NotNull(await app.TrySignInAsync(registered, "Futatabi-2x"));
        Assert.True(await app.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.ActorId == staffUser.Id && a.Action == "seeker.reopen")));
    }

    [Fact, Trait("Rule", "ACC-12")]
    public async Task A_suspended_user_is_signed_out_cannot_sign_in_and_sees_why_and_staff_action_is_audited()
    {
        var (staffUser, staff) = await app.SignedInAsync(UserKind.Staff);
        var (user, client) = await app.SignedInAsync(UserKind.Seeker);

        var page = await staff.PostFormPageAsync("/staff/accounts/suspend",
            [new("Email", user.Email!), new("Reason", "利用規約第3条に違反する行為があったため")], formPage: "/staff/accounts/suspend");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/mypage")).StatusCode);
        var refused = await app.Anonymous().PostFormPageAsync("/login", Login(user.Email!, HelloWorkApp.Password), formPage: "/login");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("利用規約第3条に違反する行為があったため", refused.Text(".error-summary"));
        var guessed = await app.Anonymous().PostFormPageAsync("/login", Login(user.Email!, "Guess-pass1"), formPage: "/login");
        Assert.DoesNotContain("利用規約第3条", guessed.Html); // only the right password learns the reason
        Assert.True(await app.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.ActorId == staffUser.Id && a.Action == "account.suspend" && a.SubjectUserId == user.Id)));
        Assert.False(await app.WithDbAsync(async db => (await db.Users.SingleAsync(u => u.Id == user.Id)).HasValidRegistration(app.Clock.UtcNow)));

        await staff.PostFormAsync("/staff/accounts/suspend", [new("Email", user.Email!), new("Lift", "true")], formPage: "/staff/accounts/suspend");
        Assert.NotNull(await app.TrySignInAsync(user.Email!, HelloWorkApp.Password));
        Assert.True(await app.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.ActorId == staffUser.Id && a.Action == "account.unsuspend" && a.SubjectUserId == user.Id)));
    }

    [Fact, Trait("Rule", "ACC-12")]
    public async Task A_suspension_needs_a_reason_and_a_known_user()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);

        var page = await staff.PostFormPageAsync("/staff/accounts/suspend", [new("Email", NewEmail("ghost")), new("Reason", "")], formPage: "/staff/accounts/suspend");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal("入力してください。", page.Text("#susp-reason-error"));
        Assert.Equal("このメールアドレスの求職者・求人者は見つかりません。", page.Text("#susp-email-error"));
    }
}

public sealed class WithdrawalAndSuspensionTestsOnSqlite(SqliteApp app) : WithdrawalAndSuspensionTests(app), IClassFixture<SqliteApp>;

public sealed class WithdrawalAndSuspensionTestsOnPostgres(PostgresApp app) : WithdrawalAndSuspensionTests(app), IClassFixture<PostgresApp>;
