using HelloWork.Web.Mail;
using HelloWork.Web.Features.Messages;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Messages.Messaging;

namespace HelloWork.Tests.Features.Messages;

public abstract class UnreadDigestTests(HelloWorkApp app)
{
    private Task<int> DigestsToAsync(string email) =>
        app.WithDbAsync(db => db.Set<OutboxMail>().CountAsync(m => m.To == email && m.Template == "messages-unread"));

    private static Task OptInAsync(UserClient client) =>
        client.PostFormAsync("/messages/settings", [new("ReadReceipts", "true"), new("DigestOptIn", "true")], formPage: "/messages/settings");

    [Fact, Trait("Rule", "BEY-4"), Trait("Rule", "MAIL-1")]
    public async Task Someone_who_opted_in_gets_one_mail_with_counts_and_a_link_but_no_message_text_once_the_delay_has_passed()
    {
        var p = await PairAsync(app);
        await OptInAsync(p.SeekerClient);
        await SendAsync(p.EmployerClient, p.ThreadId, "極秘の面接結果");
        await SendAsync(p.EmployerClient, p.ThreadId, "極秘の追伸");

        await app.RunTimedRulesAsync();
        Assert.Equal(0, await DigestsToAsync(p.Seeker.Email!));

        app.Clock.Advance(UnreadDigest.Delay);
        await app.RunTimedRulesAsync();
        await app.DispatchMailAsync();

        // The seeker also got their sign-in code by mail; the digest is the one with X-HelloWork-Template.
        var mail = await app.Mail.WaitForAsync(m => m.To == p.Seeker.Email && m.Headers.GetValueOrDefault("X-HelloWork-Template") == "messages-unread", TimeSpan.FromSeconds(10));
        Assert.Equal("【ハローワーク】未読のメッセージが2件あります", mail.Subject);
        Assert.Contains("http://hellowork.test/messages", mail.Text);
        Assert.Contains("2 件（1 スレッド）", mail.Text);
        foreach (var secret in new[] { "極秘の面接結果", "極秘の追伸" })
        {
            Assert.DoesNotContain(secret, mail.Raw);
            Assert.DoesNotContain(secret, mail.Text);
            Assert.DoesNotContain(secret, mail.Html);
        }
    }

    [Fact, Trait("Rule", "BEY-4")]
    public async Task At_most_one_digest_a_day_however_often_the_rule_runs()
    {
        var p = await PairAsync(app);
        await OptInAsync(p.SeekerClient);
        await SendAsync(p.EmployerClient, p.ThreadId, "一通目");
        app.Clock.Advance(UnreadDigest.Delay);

        await app.RunTimedRulesAsync();
        await app.RunTimedRulesAsync();
        app.Clock.Advance(TimeSpan.FromHours(12));
        await app.RunTimedRulesAsync();
        Assert.Equal(1, await DigestsToAsync(p.Seeker.Email!));

        app.Clock.Advance(TimeSpan.FromHours(12));
        await app.RunTimedRulesAsync();
        Assert.Equal(2, await DigestsToAsync(p.Seeker.Email!));
    }

    [Fact, Trait("Rule", "BEY-4")]
    public async Task No_digest_without_opting_in_or_once_everything_was_read()
    {
        var p = await PairAsync(app);
        await OptInAsync(p.EmployerClient);
        await SendAsync(p.SeekerClient, p.ThreadId, "応募の質問です");
        await SendAsync(p.EmployerClient, p.ThreadId, "お答えします"); // the seeker did not opt in
        await p.EmployerClient.PageAsync($"/messages/{p.ThreadId}"); // the employer read everything

        app.Clock.Advance(UnreadDigest.Delay + TimeSpan.FromMinutes(1));
        await app.RunTimedRulesAsync();

        Assert.Equal(0, await DigestsToAsync(p.Seeker.Email!));
        Assert.Equal(0, await DigestsToAsync(p.Employer.Email!));
    }
}

public sealed class UnreadDigestTestsOnSqlite(SqliteApp app) : UnreadDigestTests(app), IClassFixture<SqliteApp>;

public sealed class UnreadDigestTestsOnPostgres(PostgresApp app) : UnreadDigestTests(app), IClassFixture<PostgresApp>;
