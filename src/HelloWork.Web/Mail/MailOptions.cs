using MailKit.Security;

namespace HelloWork.Web.Mail;

public enum MailDelivery { Pickup, Smtp }

public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>Pickup writes .eml files to PickupDirectory (the embedded default); Smtp sends.</summary>
    public MailDelivery Delivery { get; set; } = MailDelivery.Pickup;
    public string PickupDirectory { get; set; } = "data/mail";
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;

    /// <summary>
    /// How the SMTP connection is secured (MailKit's SecureSocketOptions: None, Auto, StartTls,
    /// StartTlsWhenAvailable, SslOnConnect). Unset: see <see cref="EffectiveSecurity"/>.
    /// </summary>
    public SecureSocketOptions? Security { get; set; }

    /// <summary>The setting before Mail:Security, still read when Security is unset.</summary>
    public bool? EnableSsl { get; set; }

    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>Bounds connecting and every SMTP command, so a hung server cannot stall the outbox.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public string From { get; set; } = "no-reply@hellowork.example";
    public string FromName { get; set; } = "ハローワークインターネットサービス";
    /// <summary>The address people reach the site at, for links in mails; unset: see <see cref="PublicBaseUrl"/>.</summary>
    public string? PublicBaseUrl { get; set; }
    /// <summary>How often the dispatcher looks for due mails when nothing woke it.</summary>
    public int PollSeconds { get; set; } = 15;

    /// <summary>
    /// Security wins. The old EnableSsl=true meant what .NET's own SmtpClient did with it, STARTTLS
    /// that must succeed, so it maps to StartTls (not SslOnConnect: that client never spoke implicit
    /// TLS); EnableSsl=false kept the connection plain, so None. With neither set, Auto: TLS on
    /// connect for port 465, otherwise STARTTLS when the server offers it.
    /// </summary>
    public SecureSocketOptions EffectiveSecurity => Security ?? EnableSsl switch
    {
        true => SecureSocketOptions.StartTls,
        false => SecureSocketOptions.None,
        null => SecureSocketOptions.Auto,
    };
}
