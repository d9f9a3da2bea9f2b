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
    public bool EnableSsl { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "no-reply@hellowork.example";
    public string FromName { get; set; } = "ハローワークインターネットサービス";
    /// <summary>The address people reach the site at, for links in mails.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";
    /// <summary>How often the dispatcher looks for due mails when nothing woke it.</summary>
    public int PollSeconds { get; set; } = 15;
}
