using System.Net;
using HelloWork.Tests.Features.Notices;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Mail;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Tests.Mail;

/// <summary>How the dispatcher talks to an SMTP server: one connection per pass, and every kind of refusal.</summary>
public abstract class MailDeliveryTests(FakeSmtpApp app)
{
    private Task<OutboxMail> OutboxAsync(long id) => app.WithDbAsync(db => db.Set<OutboxMail>().AsNoTracking().SingleAsync(m => m.Id == id));

    private int ReceivedBy(string to) => app.Smtp.Received.Count(m => m.To == to);

    private static string Recipient(string name) => $"{name}-{Guid.NewGuid():N}@test.example";

    [Fact]
    public async Task A_batch_of_mails_goes_out_over_one_connection()
    {
        await app.DispatchMailAsync(); // whatever earlier tests left due goes first
        string[] to = [Recipient("a"), Recipient("b"), Recipient("c")];
        var ids = await app.QueueAsync(to);
        var connectionsBefore = app.Smtp.Connections;

        Assert.Equal(3, await app.DispatchMailAsync());

        Assert.Equal(1, app.Smtp.Connections - connectionsBefore);
        Assert.All(to, t => Assert.Equal(1, ReceivedBy(t)));
        foreach (var id in ids) Assert.NotNull((await OutboxAsync(id)).SentAt);
    }

    [Fact, Trait("Rule", "MAIL-2")]
    public async Task A_mail_the_server_refuses_is_retried_alone_while_the_rest_of_the_batch_goes_out_once()
    {
        await app.DispatchMailAsync();
        string[] to = [Recipient("a"), Recipient("busy"), Recipient("c")];
        var ids = await app.QueueAsync(to);
        app.Smtp.RejectRecipient = address => address == to[1] ? "451 4.2.1 mailbox busy, try later" : null;
        try
        {
            var connectionsBefore = app.Smtp.Connections;
            Assert.Equal(2, await app.DispatchMailAsync());

            Assert.Equal(1, app.Smtp.Connections - connectionsBefore);
            Assert.Equal(1, ReceivedBy(to[0]));
            Assert.Equal(0, ReceivedBy(to[1]));
            Assert.Equal(1, ReceivedBy(to[2]));
            var refused = await OutboxAsync(ids[1]);
            Assert.Null(refused.SentAt);
            Assert.Equal(1, refused.Attempts);
            Assert.Contains("mailbox busy", refused.LastError);
            Assert.True(refused.NextAttemptAt > app.Clock.UtcNow, "the refused mail waits for its next attempt");
        }
        finally
        {
            app.Smtp.RejectRecipient = _ => null;
        }

        app.Clock.SetUtcNow(new DateTimeOffset((await OutboxAsync(ids[1])).NextAttemptAt, TimeSpan.Zero));
        Assert.Equal(1, await app.DispatchMailAsync());
        Assert.All(to, t => Assert.Equal(1, ReceivedBy(t)));
        Assert.NotNull((await OutboxAsync(ids[1])).SentAt);
    }

    [Fact, Trait("Rule", "MAIL-2")]
    public async Task While_the_server_refuses_connections_the_action_succeeds_and_its_mail_goes_out_once_the_server_is_back()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var (seeker, seekerClient) = await app.SignedInAsync(UserKind.Seeker);
        app.Smtp.RefuseConnections = "554 5.3.2 not accepting mail now";
        try
        {
            var page = await staff.PostFormPageAsync("/staff/notices", SendNoticeTests.Fields(seeker.Email!, mail: true), formPage: "/staff/notices/new");
            await app.DispatchMailAsync();

            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Single((await seekerClient.PageAsync("/notices/list", htmx: true)).Texts(".notice-row"));
            var waiting = await app.WithDbAsync(db => db.Set<OutboxMail>().AsNoTracking().SingleAsync(m => m.To == seeker.Email && m.Template == "notice-arrived"));
            Assert.Null(waiting.SentAt);
            Assert.True(waiting.Attempts >= 1);
            Assert.Contains("not accepting mail", waiting.LastError);

            // Due again while the server still refuses: tried, and put off further.
            app.Clock.SetUtcNow(new DateTimeOffset(waiting.NextAttemptAt, TimeSpan.Zero));
            await app.DispatchMailAsync();
            var again = await OutboxAsync(waiting.Id);
            Assert.Equal(waiting.Attempts + 1, again.Attempts);
            Assert.True(again.NextAttemptAt > waiting.NextAttemptAt);
        }
        finally
        {
            app.Smtp.RefuseConnections = null;
        }

        app.Clock.Advance(TimeSpan.FromHours(3));
        await app.DispatchMailAsync();

        var delivered = app.Smtp.Received.Where(m => m.To == seeker.Email && m.Headers.GetValueOrDefault(MailMessages.TemplateHeader) == "notice-arrived").ToList();
        Assert.Single(delivered);
        Assert.Equal("【ハローワーク】マイページにお知らせが届きました", delivered[0].Subject);
        Assert.NotNull(await app.WithDbAsync(db => db.Set<OutboxMail>().Where(m => m.To == seeker.Email && m.Template == "notice-arrived").Select(m => m.SentAt).SingleAsync()));
    }

    [Fact, Trait("Rule", "MAIL-2")]
    public async Task A_mail_whose_outcome_was_lost_is_sent_again_as_the_same_message()
    {
        var to = Recipient("lost");
        var id = (await app.QueueAsync(to)).Single();
        app.Smtp.DropAfterData(1);

        Assert.Equal(0, await app.DispatchMailAsync());
        var unknown = await OutboxAsync(id);
        Assert.Null(unknown.SentAt);
        Assert.Equal(1, unknown.Attempts);

        app.Clock.SetUtcNow(new DateTimeOffset(unknown.NextAttemptAt, TimeSpan.Zero));
        Assert.Equal(1, await app.DispatchMailAsync());

        // The server got it twice; the receiving side can tell the copies are one message.
        var copies = app.Smtp.Received.Where(m => m.To == to).ToList();
        Assert.Equal(2, copies.Count);
        Assert.False(string.IsNullOrEmpty(copies[0].Message.MessageId));
        Assert.Equal(copies[0].Message.MessageId, copies[1].Message.MessageId);
        Assert.Equal(copies[0].Message.Date, copies[1].Message.Date);
    }
}

public sealed class MailDeliveryTestsOnSqlite(SqliteFakeSmtpApp app) : MailDeliveryTests(app), IClassFixture<SqliteFakeSmtpApp>;

public sealed class MailDeliveryTestsOnPostgres(PostgresFakeSmtpApp app) : MailDeliveryTests(app), IClassFixture<PostgresFakeSmtpApp>;
