using MimeKit;

namespace HelloWork.Web.Mail;

/// <summary>
/// One mail on the Development mail page. When the pickup folder holds the .eml the app wrote,
/// the page shows that file as MimeKit reads it (what a mail program would see); otherwise
/// (SMTP delivery, or not sent yet) the outbox row. Every value is shown as text: the HTML part
/// is its source, escaped by the template like any other value, never the mail's HTML itself.
/// </summary>
public sealed record DevMailView(
    long Id, string To, string From, string Subject, DateTime CreatedAt, string TextBody, string HtmlBody,
    string? MessageId, string? File, string? LastError)
{
    public static async Task<DevMailView> LoadAsync(OutboxMail mail, MailSender sender, MailOptions options, CancellationToken ct)
    {
        var file = NewestPickupFile(mail, sender.PickupDirectory);
        if (file is null)
        {
            return new DevMailView(mail.Id, mail.To, new MailboxAddress(options.FromName, options.From).ToString(), mail.Subject,
                mail.CreatedAt, mail.TextBody, mail.HtmlBody, null, null, mail.LastError);
        }
        var message = await MimeMessage.LoadAsync(file.FullName, ct);
        return new DevMailView(mail.Id, message.To.ToString(), message.From.ToString(), message.Subject ?? "",
            mail.CreatedAt, message.TextBody ?? "", message.HtmlBody ?? "", message.MessageId, file.Name, mail.LastError);
    }

    private static FileInfo? NewestPickupFile(OutboxMail mail, string directory) =>
        Directory.Exists(directory)
            ? new DirectoryInfo(directory).EnumerateFiles(MailMessages.PickupPrefix(mail) + "*.eml")
                .OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault()
            : null;
}
