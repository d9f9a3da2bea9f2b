using HelloWork.Tests.Features.Notices;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Messages;
using HelloWork.Web.Mail;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using static HelloWork.Tests.Features.Messages.Messaging;

namespace HelloWork.Tests.Mail;

/// <summary>What a mail program gets: the mails as the real SMTP sink stored them, read with MimeKit.</summary>
public abstract class MailFormatTests(HelloWorkApp app)
{
    private const string FromName = "ハローワークインターネットサービス";

    private static void AssertWellFormed(ReceivedMail mail, string to, OutboxMail outbox)
    {
        var from = Assert.Single(mail.Message.From.Mailboxes);
        Assert.Equal("no-reply@hellowork.example", from.Address);
        Assert.Equal(FromName, from.Name);
        Assert.Equal(to, Assert.Single(mail.Message.To.Mailboxes).Address);
        Assert.Equal(MailMessages.MessageId(outbox, new MailOptions()), mail.Message.MessageId);
        // The Date header counts whole seconds.
        var created = new DateTimeOffset(DateTime.SpecifyKind(outbox.CreatedAt, DateTimeKind.Utc));
        Assert.Equal(created.AddTicks(-(created.Ticks % TimeSpan.TicksPerSecond)), mail.Message.Date);
        var alternative = Assert.IsType<MultipartAlternative>(mail.Message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.All(alternative.OfType<TextPart>(), p => Assert.Equal("utf-8", p.ContentType.Charset, ignoreCase: true));
        Assert.Equal(outbox.Template, mail.Headers[MailMessages.TemplateHeader]);
    }

    private Task<OutboxMail> OutboxAsync(string to, string template) =>
        app.WithDbAsync(db => db.Set<OutboxMail>().AsNoTracking().SingleAsync(m => m.To == to && m.Template == template));

    [Fact, Trait("Rule", "BEY-4"), Trait("Rule", "MAIL-1")]
    public async Task The_unread_digest_arrives_in_japanese_with_both_parts_and_a_list_unsubscribe_link_to_the_messaging_settings()
    {
        var p = await PairAsync(app);
        await p.SeekerClient.PostFormAsync("/messages/settings", [new("ReadReceipts", "true"), new("DigestOptIn", "true")], formPage: "/messages/settings");
        await SendAsync(p.EmployerClient, p.ThreadId, "極秘の給与条件");
        app.Clock.Advance(UnreadDigest.Delay);
        await app.RunTimedRulesAsync();
        await app.DispatchMailAsync();

        var mail = await app.Mail.WaitForAsync(m => m.To == p.Seeker.Email && m.Headers.GetValueOrDefault(MailMessages.TemplateHeader) == "messages-unread", TimeSpan.FromSeconds(10));

        AssertWellFormed(mail, p.Seeker.Email!, await OutboxAsync(p.Seeker.Email!, "messages-unread"));
        Assert.Equal("【ハローワーク】未読のメッセージが1件あります", mail.Subject);
        Assert.Contains("山田 花子 様", mail.Text);
        Assert.Contains("1 件（1 スレッド）", mail.Text);
        Assert.Contains("http://hellowork.test/messages", mail.Text);
        Assert.Contains("山田 花子 様", mail.Html);
        Assert.Contains("href=\"http://hellowork.test/messages\"", mail.Html);
        Assert.Equal("<http://hellowork.test/messages/settings>", mail.Headers["List-Unsubscribe"]);
        Assert.False(mail.Headers.ContainsKey("List-Unsubscribe-Post"), "no one-click endpoint, so no one-click header");
        Assert.DoesNotContain("極秘の給与条件", mail.Text);
        Assert.DoesNotContain("極秘の給与条件", mail.Html);
    }

    [Fact, Trait("Rule", "MAIL-1")]
    public async Task A_notice_mail_arrives_in_japanese_with_both_parts_without_the_notice_text_and_without_list_unsubscribe()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var seeker = await app.CreateUserAsync(UserKind.Seeker, "鈴木 一郎");

        await staff.PostFormAsync("/staff/notices", SendNoticeTests.Fields(seeker.Email!, "内密の件名", "内密の本文です", mail: true), formPage: "/staff/notices/new");
        await app.DispatchMailAsync();
        var mail = await app.Mail.WaitForAsync(m => m.To == seeker.Email, TimeSpan.FromSeconds(10));

        AssertWellFormed(mail, seeker.Email!, await OutboxAsync(seeker.Email!, "notice-arrived"));
        Assert.Equal("【ハローワーク】マイページにお知らせが届きました", mail.Subject);
        Assert.Contains("鈴木 一郎 様", mail.Text);
        Assert.Contains("http://hellowork.test/notices", mail.Text);
        Assert.Contains("鈴木 一郎 様", mail.Html);
        foreach (var secret in new[] { "内密の件名", "内密の本文です" })
        {
            Assert.DoesNotContain(secret, mail.Subject);
            Assert.DoesNotContain(secret, mail.Text);
            Assert.DoesNotContain(secret, mail.Html);
        }
        Assert.False(mail.Headers.ContainsKey("List-Unsubscribe"), "only opt-in mails carry List-Unsubscribe");
    }
}

public sealed class MailFormatTestsOnSqlite(SqliteApp app) : MailFormatTests(app), IClassFixture<SqliteApp>;

public sealed class MailFormatTestsOnPostgres(PostgresApp app) : MailFormatTests(app), IClassFixture<PostgresApp>;
