using Microsoft.Extensions.Options;

namespace HelloWork.Web.Mail;

/// <summary>
/// Sends outbox mails with MailKit/MimeKit: to an SMTP server, or as .eml files to the pickup
/// folder. Mails go out in batches so that one SMTP connection carries many of them.
/// </summary>
public sealed class MailSender(IOptions<MailOptions> options, IHostEnvironment env, ILogger<MailSender> logger)
{
    private readonly MailOptions _options = options.Value;

    public string PickupDirectory => Path.IsPathRooted(_options.PickupDirectory)
        ? _options.PickupDirectory
        : Path.Combine(env.ContentRootPath, _options.PickupDirectory);

    /// <summary>A batch connects at its first mail (so an empty pass costs nothing) and disconnects when disposed.</summary>
    public IMailBatch OpenBatch() => _options.Delivery == MailDelivery.Pickup
        ? new PickupBatch(_options, PickupDirectory)
        : new SmtpBatch(_options, logger);
}

/// <summary>Sends mails one after another over one connection; each send succeeds or throws on its own.</summary>
public interface IMailBatch : IAsyncDisposable
{
    Task SendAsync(OutboxMail mail, CancellationToken ct);
}

internal sealed class PickupBatch(MailOptions options, string directory) : IMailBatch
{
    public async Task SendAsync(OutboxMail mail, CancellationToken ct)
    {
        var message = MailMessages.Build(mail, options);
        Directory.CreateDirectory(directory);
        // A new name per write: a mail written again after an unknown outcome never overwrites
        // what was already there. Written aside and then moved, so a reader never sees half a file.
        var name = MailMessages.PickupPrefix(mail) + Guid.NewGuid().ToString("N")[..12] + ".eml";
        var temp = Path.Combine(directory, "." + name + ".tmp");
        await message.WriteToAsync(temp, ct);
        File.Move(temp, Path.Combine(directory, name));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
