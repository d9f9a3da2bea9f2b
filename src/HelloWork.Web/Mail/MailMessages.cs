using System.Text;
using MimeKit;

namespace HelloWork.Web.Mail;

/// <summary>Builds the MIME message for an outbox mail, the same way for SMTP and for the pickup folder.</summary>
public static class MailMessages
{
    public const string TemplateHeader = "X-HelloWork-Template";

    public static MimeMessage Build(OutboxMail mail, MailOptions options)
    {
        var message = new MimeMessage();
        // UTF-8 encoded words for Japanese display names and subjects (MimeKit's default charset
        // for headers is UTF-8; set here so it does not depend on that).
        message.From.Add(new MailboxAddress(Encoding.UTF8, options.FromName, options.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Headers.Replace(HeaderId.Subject, Encoding.UTF8, mail.Subject);
        // Created, not sent: a retry is the same message, and the Date says when it was written.
        message.Date = new DateTimeOffset(DateTime.SpecifyKind(mail.CreatedAt, DateTimeKind.Utc));
        message.MessageId = MessageId(mail, options);
        message.Headers.Add(TemplateHeader, mail.Template);
        if (mail.ListUnsubscribe is { } unsubscribe)
        {
            // Only the URL: there is no one-click POST endpoint, so no List-Unsubscribe-Post.
            message.Headers.Add(HeaderId.ListUnsubscribe, $"<{unsubscribe}>");
        }

        var text = new TextPart(MimeKit.Text.TextFormat.Plain);
        text.SetText(Encoding.UTF8, mail.TextBody);
        if (mail.HtmlBody.Length == 0)
        {
            message.Body = text;
        }
        else
        {
            var html = new TextPart(MimeKit.Text.TextFormat.Html);
            html.SetText(Encoding.UTF8, mail.HtmlBody);
            message.Body = new MultipartAlternative { text, html };
        }
        // 7-bit safe everywhere: MimeKit picks quoted-printable for mostly-ASCII parts and base64
        // for mostly-Japanese ones, so a relay without 8BITMIME and the pickup files look alike.
        message.Prepare(EncodingConstraint.SevenBit);
        return message;
    }

    /// <summary>
    /// Stable per outbox mail, so a resend after an unknown outcome (the connection dropped after
    /// the data went out) is recognisably the same message; CreatedAt keeps ids apart when a
    /// database is made anew and its ids start again at 1.
    /// </summary>
    public static string MessageId(OutboxMail mail, MailOptions options)
    {
        var at = options.From.LastIndexOf('@');
        var domain = at >= 0 && at < options.From.Length - 1 ? options.From[(at + 1)..] : "hellowork.invalid";
        return $"outbox.{mail.Id}.{mail.CreatedAt.Ticks:x}@{domain}";
    }

    /// <summary>Pickup files of one outbox mail start with this (the rest of the name is unique per write).</summary>
    public static string PickupPrefix(OutboxMail mail) => $"{mail.Id}-{mail.CreatedAt.Ticks:x}-";
}
