using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Mail;

/// <summary>
/// A mail waiting to go out. It is saved in the same transaction as the action that caused it,
/// so the action never waits for SMTP and a mail is never lost (MAIL-2); the dispatcher sends it
/// and retries with backoff until it goes.
/// </summary>
public sealed class OutboxMail
{
    public const int MaxAttempts = 12;

    public long Id { get; private set; }
    public string To { get; private set; } = "";
    /// <summary>The address in upper case, for the per-address limit (SEC-5): one address however it was typed.</summary>
    public string NormalizedTo { get; private set; } = "";
    public string Template { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public DateTime? LockedUntil { get; private set; }
    public DateTime? SentAt { get; private set; }
    public DateTime? FailedAt { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>
    /// An absolute URL for the List-Unsubscribe header (RFC 2369): set on mails a person opted in
    /// to (the unread digest, BEY-4), where it leads to the setting that turns them off.
    /// </summary>
    public string? ListUnsubscribe { get; private set; }

    public static OutboxMail Create(string to, string template, RenderedMail mail, DateTime now, string? listUnsubscribe = null) => new()
    {
        To = to,
        NormalizedTo = Normalize(to),
        Template = template,
        Subject = mail.Subject,
        TextBody = mail.Text,
        HtmlBody = mail.Html,
        CreatedAt = now,
        NextAttemptAt = now,
        ListUnsubscribe = listUnsubscribe,
    };

    public static string Normalize(string address) => address.Trim().ToUpperInvariant();

    public void MarkSent(DateTime now)
    {
        SentAt = now;
        LockedUntil = null;
        LastError = null;
    }

    /// <summary>Backs off 1, 2, 4 ... minutes (capped at 2 hours); gives up after MaxAttempts.</summary>
    public void MarkFailed(string error, DateTime now)
    {
        Attempts++;
        LockedUntil = null;
        LastError = error.Length > 1000 ? error[..1000] : error;
        if (Attempts >= MaxAttempts)
        {
            FailedAt = now;
            return;
        }
        var delay = TimeSpan.FromMinutes(Math.Min(120, Math.Pow(2, Attempts - 1)));
        NextAttemptAt = now + delay;
    }
}

public sealed record RenderedMail(string Subject, string Text, string Html);

public sealed class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> mail)
    {
        mail.ToTable("OutboxMails");
        mail.Property(m => m.To).HasMaxLength(256);
        mail.Property(m => m.NormalizedTo).HasMaxLength(256);
        mail.HasIndex(m => new { m.NormalizedTo, m.Template, m.CreatedAt });
        mail.Property(m => m.Template).HasMaxLength(64);
        mail.Property(m => m.Subject).HasMaxLength(200);
        mail.Property(m => m.LastError).HasMaxLength(1000);
        mail.Property(m => m.ListUnsubscribe).HasMaxLength(500);
        mail.HasIndex(m => new { m.SentAt, m.FailedAt, m.NextAttemptAt });
    }
}
