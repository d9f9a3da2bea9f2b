using System.Text;
using HelloWork.Web.Mail;
using MailKit.Security;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HelloWork.Tests.Mail;

/// <summary>The MIME message built for an outbox mail, the pickup files, and the security setting.</summary>
public sealed class MailMessagesTests
{
    private static readonly DateTime Created = new(2026, 11, 24, 1, 2, 3, DateTimeKind.Utc);

    private static OutboxMail Mail(string? unsubscribe = null) =>
        OutboxMail.Create("taro@test.example", "notice-arrived",
            new RenderedMail("【ハローワーク】お知らせが届きました", "山田 太郎 様\nhttp://hellowork.test/notices\n", "<p>山田 太郎 様</p>"), Created, unsubscribe);

    private static string Written(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return Encoding.ASCII.GetString(stream.ToArray());
    }

    [Fact]
    public void Japanese_headers_are_utf8_encoded_words_and_bodies_are_seven_bit_safe()
    {
        var raw = Written(MailMessages.Build(Mail(), new MailOptions()));

        Assert.Matches(@"(?m)^Subject: =\?utf-8\?", raw);
        Assert.Matches(@"(?m)^From: =\?utf-8\?.*", raw);
        Assert.All(raw, c => Assert.True(c < 0x80, "only 7-bit characters on the wire"));
        Assert.DoesNotContain("Content-Transfer-Encoding: 8bit", raw);

        var read = MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(raw)));
        Assert.Equal("【ハローワーク】お知らせが届きました", read.Subject);
        Assert.Equal("ハローワークインターネットサービス", read.From.Mailboxes.Single().Name);
        Assert.Equal("山田 太郎 様\nhttp://hellowork.test/notices\n", read.TextBody);
        Assert.Equal("<p>山田 太郎 様</p>", read.HtmlBody);
    }

    [Fact, Trait("Rule", "MAIL-2")]
    public void Building_a_mail_again_gives_the_same_message_id_and_date()
    {
        var mail = Mail();
        var first = MailMessages.Build(mail, new MailOptions());
        var second = MailMessages.Build(mail, new MailOptions());

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.EndsWith("@hellowork.example", first.MessageId);
        Assert.Equal(new DateTimeOffset(Created), first.Date);
        Assert.Equal(first.Date, second.Date);
    }

    [Fact, Trait("Rule", "BEY-4")]
    public void List_unsubscribe_is_there_only_when_the_mail_asks_for_it()
    {
        var digest = MailMessages.Build(Mail("http://hellowork.test/messages/settings"), new MailOptions());
        var other = MailMessages.Build(Mail(), new MailOptions());

        Assert.Equal("<http://hellowork.test/messages/settings>", digest.Headers[HeaderId.ListUnsubscribe]);
        Assert.False(digest.Headers.Contains("List-Unsubscribe-Post"));
        Assert.False(other.Headers.Contains(HeaderId.ListUnsubscribe));
    }

    [Fact]
    public async Task Pickup_writes_a_new_eml_file_each_time_that_mimekit_reads_back()
    {
        var dir = Path.Combine(TestServices.ArtifactsDirectory, $"pickup-{Guid.NewGuid():N}");
        var options = new MailOptions { Delivery = MailDelivery.Pickup, PickupDirectory = dir };
        var sender = new MailSender(Options.Create(options), new HostingEnvironment { ContentRootPath = dir }, NullLogger<MailSender>.Instance);
        var mail = Mail();

        await using (var batch = sender.OpenBatch())
        {
            await batch.SendAsync(mail, default);
            await batch.SendAsync(mail, default); // a resend after an unknown outcome
        }

        var files = Directory.GetFiles(dir);
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.EndsWith(".eml", f));
        var read = files.Select(f => MimeMessage.Load(f)).ToList();
        Assert.All(read, m => Assert.Equal("【ハローワーク】お知らせが届きました", m.Subject));
        Assert.Equal(read[0].MessageId, read[1].MessageId);
    }

    [Theory]
    [InlineData(null, null, SecureSocketOptions.Auto)]
    [InlineData(null, true, SecureSocketOptions.StartTls)]
    [InlineData(null, false, SecureSocketOptions.None)]
    [InlineData(SecureSocketOptions.SslOnConnect, false, SecureSocketOptions.SslOnConnect)]
    [InlineData(SecureSocketOptions.None, true, SecureSocketOptions.None)]
    public void Mail_security_wins_over_the_old_enable_ssl(SecureSocketOptions? security, bool? enableSsl, SecureSocketOptions expected)
    {
        Assert.Equal(expected, new MailOptions { Security = security, EnableSsl = enableSsl }.EffectiveSecurity);
    }
}
