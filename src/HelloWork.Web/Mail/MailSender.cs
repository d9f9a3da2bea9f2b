using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Options;

namespace HelloWork.Web.Mail;

/// <summary>Sends one mail with System.Net.Mail: to an SMTP server, or as an .eml file to the pickup folder.</summary>
public sealed class MailSender(IOptions<MailOptions> options, IHostEnvironment env)
{
    private readonly MailOptions _options = options.Value;

    public string PickupDirectory => Path.IsPathRooted(_options.PickupDirectory)
        ? _options.PickupDirectory
        : Path.Combine(env.ContentRootPath, _options.PickupDirectory);

    public async Task SendAsync(OutboxMail mail, CancellationToken ct)
    {
        using var message = new MailMessage
        {
            From = new MailAddress(_options.From, _options.FromName, Encoding.UTF8),
            Subject = mail.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
            Body = mail.TextBody,
            IsBodyHtml = false,
        };
        message.To.Add(new MailAddress(mail.To));
        message.Headers.Add("X-HelloWork-Template", mail.Template);
        if (mail.HtmlBody.Length > 0)
        {
            var html = AlternateView.CreateAlternateViewFromString(mail.HtmlBody, Encoding.UTF8, MediaTypeNames.Text.Html);
            html.TransferEncoding = TransferEncoding.Base64;
            message.AlternateViews.Add(html);
        }

        using var client = new SmtpClient();
        if (_options.Delivery == MailDelivery.Pickup)
        {
            Directory.CreateDirectory(PickupDirectory);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = PickupDirectory;
        }
        else
        {
            client.Host = _options.Host;
            client.Port = _options.Port;
            client.EnableSsl = _options.EnableSsl;
            client.Timeout = 15_000;
            if (!string.IsNullOrEmpty(_options.UserName))
            {
                client.Credentials = new NetworkCredential(_options.UserName, _options.Password);
            }
        }
        await client.SendMailAsync(message, ct);
    }
}
