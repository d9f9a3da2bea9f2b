using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Data;
using HelloWork.Web.Mail;
using HelloWork.Web.Features.Notices;
using HelloWork.Tests.Features.Notices;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Tests.Mail;

public abstract class NoticeMailTests(HelloWorkApp app)
{
    [Fact, Trait("Rule", "MAIL-1")]
    public async Task The_mail_says_a_notice_arrived_but_never_what_it_says()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var seeker = await app.CreateUserAsync(UserKind.Seeker, "山田 花子");

        await staff.PostFormAsync("/staff/notices", SendNoticeTests.Fields(seeker.Email!, "極秘の件名", "極秘の本文", mail: true), formPage: "/staff/notices/new");

        var mail = await app.Mail.WaitForAsync(m => m.To == seeker.Email, TimeSpan.FromSeconds(10));
        Assert.Equal("【ハローワーク】マイページにお知らせが届きました", mail.Subject);
        Assert.Contains("山田 花子 様", mail.Text);
        Assert.Contains("http://hellowork.test/notices", mail.Text);
        Assert.Contains("山田 花子 様", mail.Html);
        foreach (var secret in new[] { "極秘の件名", "極秘の本文" })
        {
            Assert.DoesNotContain(secret, mail.Raw);
            Assert.DoesNotContain(secret, mail.Text);
            Assert.DoesNotContain(secret, mail.Html);
        }
    }

    [Fact, Trait("Rule", "MAIL-1")]
    public async Task No_mail_goes_out_unless_staff_ask_for_it()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var seeker = await app.CreateUserAsync(UserKind.Seeker);

        await staff.PostFormAsync("/staff/notices", SendNoticeTests.Fields(seeker.Email!), formPage: "/staff/notices/new");
        await app.DispatchMailAsync();

        Assert.Equal(0, await app.WithDbAsync(db => db.Set<OutboxMail>().CountAsync(m => m.To == seeker.Email)));
        Assert.DoesNotContain(app.Mail.All(), m => m.To == seeker.Email);
    }
}

public sealed class NoticeMailTestsOnSqlite(SqliteApp app) : NoticeMailTests(app), IClassFixture<SqliteApp>;

public sealed class NoticeMailTestsOnPostgres(PostgresApp app) : NoticeMailTests(app), IClassFixture<PostgresApp>;

/// <summary>An app whose SMTP server does not answer (nothing listens on the port).</summary>
public sealed class SqliteAppWithMailDown : HelloWorkApp
{
    private readonly int _deadPort = TestServices.FreePort();
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override int? SmtpPortOverride => _deadPort;
}

public sealed class PostgresAppWithMailDown : HelloWorkApp
{
    private readonly int _deadPort = TestServices.FreePort();
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
    protected override int? SmtpPortOverride => _deadPort;
}

public abstract class MailOutageTests(HelloWorkApp app)
{
    [Fact, Trait("Rule", "MAIL-2")]
    public async Task A_mail_that_cannot_be_sent_never_fails_the_action_and_is_retried_with_backoff()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var (seeker, seekerClient) = await app.SignedInAsync(UserKind.Seeker);

        var page = await staff.PostFormPageAsync("/staff/notices", SendNoticeTests.Fields(seeker.Email!, mail: true), formPage: "/staff/notices/new");
        await app.DispatchMailAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.Single((await seekerClient.PageAsync("/notices/list", htmx: true)).Texts(".notice-row"));
        var mail = await app.WithDbAsync(db => db.Set<OutboxMail>().SingleAsync(m => m.To == seeker.Email && m.Template == "notice-arrived"));
        Assert.Null(mail.SentAt);
        Assert.True(mail.Attempts >= 1);
        Assert.NotNull(mail.LastError);
        Assert.True(mail.NextAttemptAt > app.Clock.UtcNow, "the next attempt waits");

        // Not due yet: nothing is tried. Once due, it is tried again and backs off further.
        var attempts = mail.Attempts;
        await app.DispatchMailAsync();
        Assert.Equal(attempts, await app.WithDbAsync(db => db.Set<OutboxMail>().Where(m => m.Id == mail.Id).Select(m => m.Attempts).SingleAsync()));
        app.Clock.Advance(mail.NextAttemptAt - app.Clock.UtcNow);
        await app.DispatchMailAsync();
        var retried = await app.WithDbAsync(db => db.Set<OutboxMail>().SingleAsync(m => m.Id == mail.Id));
        Assert.Equal(attempts + 1, retried.Attempts);
        Assert.True(retried.NextAttemptAt - app.Clock.UtcNow > mail.NextAttemptAt - mail.CreatedAt);
    }

    [Fact, Trait("Rule", "MAIL-2")]
    public async Task A_mail_queued_while_the_server_was_down_is_delivered_by_the_next_server_that_can()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var seeker = await app.CreateUserAsync(UserKind.Seeker);
        await staff.PostFormAsync("/staff/notices", SendNoticeTests.Fields(seeker.Email!, mail: true), formPage: "/staff/notices/new");
        await app.DispatchMailAsync();

        // The same database, served by an instance whose mail server answers (a restart with the mail server back).
        await using var healthy = new SameDatabaseApp(app.Provider, app.ConnectionString);
        await healthy.InitializeAsync();
        healthy.Clock.SetUtcNow(app.Clock.GetUtcNow() + TimeSpan.FromHours(3));
        await healthy.DispatchMailAsync();

        var mail = await healthy.Mail.WaitForAsync(m => m.To == seeker.Email, TimeSpan.FromSeconds(10));
        Assert.Equal("【ハローワーク】マイページにお知らせが届きました", mail.Subject);
        Assert.NotNull(await app.WithDbAsync(db => db.Set<OutboxMail>().Where(m => m.To == seeker.Email).Select(m => m.SentAt).SingleAsync()));
    }
}

public sealed class MailOutageTestsOnSqlite(SqliteAppWithMailDown app) : MailOutageTests(app), IClassFixture<SqliteAppWithMailDown>;

public sealed class MailOutageTestsOnPostgres(PostgresAppWithMailDown app) : MailOutageTests(app), IClassFixture<PostgresAppWithMailDown>;
