using HelloWork.Web.Data;
using HelloWork.Web.Http;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelloWork.Web.Mail;

/// <summary>
/// Renders a mail from templates/mail/{template}.html (HTML body) and {template}.{subject,text}.txt (plain text) and adds it to the
/// outbox in the caller's unit of work. The caller saves; then calls Wake() so it goes at once.
/// Mails only say that something happened, never what a MyPage message says (MAIL-1).
/// <paramref name="unsubscribePath"/> (a path of this site) marks an opt-in mail: it goes out
/// with a List-Unsubscribe header pointing there.
/// </summary>
public sealed class MailQueue(Templates templates, PublicBaseUrl baseUrl, IOptions<RateLimitOptions> limits, MailSignal signal, ILogger<MailQueue> logger)
{
    /// <summary>
    /// SEC-5: a mail that anyone can make us send to an address (a key, a sign-in code, an
    /// invitation) goes only while that address has had fewer than
    /// <see cref="RateLimitOptions.MailsPerAddressPerHour"/> of its kind (template) in the last hour,
    /// counted in the outbox, so across restarts and instances. Over it nothing is queued and false
    /// is returned: the caller gives the person the same answer as usual, so nothing is revealed,
    /// and one kind used up (say, resets asked by someone else) never stops another (the sign-in code).
    /// </summary>
    public async Task<bool> EnqueueLimitedAsync(AppDb db, string to, string template, object model, DateTime now, CancellationToken ct)
    {
        var limit = limits.Value.MailsPerAddressPerHour;
        var recipient = OutboxMail.Normalize(to);
        var since = now - TimeSpan.FromHours(1);
        if (limit > 0 && await db.Set<OutboxMail>().CountAsync(m => m.NormalizedTo == recipient && m.Template == template && m.CreatedAt > since, ct) >= limit)
        {
            logger.LogWarning("A {Template} mail was not queued: its address had {Limit} of them within the hour", template, limit);
            return false;
        }
        Enqueue(db, to, template, model, now);
        return true;
    }

    public void Enqueue(AppDb db, string to, string template, object model, DateTime now, string? unsubscribePath = null)
    {
        var site = baseUrl.Value;
        var data = new Dictionary<string, object?>
        {
            ["Model"] = model,
            ["BaseUrl"] = site,
        };
        var rendered = new RenderedMail(
            templates.Render($"mail/{template}.subject", data).Trim(),
            templates.Render($"mail/{template}.text", data),
            templates.Render($"mail/{template}", data));
        var unsubscribe = unsubscribePath is null ? null : site + unsubscribePath;
        db.Set<OutboxMail>().Add(OutboxMail.Create(to, template, rendered, now, unsubscribe));
    }

    public void Wake() => signal.Wake();
}

/// <summary>Wakes the dispatcher without waiting for its next poll.</summary>
public sealed class MailSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try { _signal.Release(); } catch (SemaphoreFullException) { /* already awake */ }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}
