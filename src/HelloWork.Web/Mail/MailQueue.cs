using HelloWork.Web.Data;
using HelloWork.Web.Rendering;

namespace HelloWork.Web.Mail;

/// <summary>
/// Renders a mail from templates/mail/{template}.html (HTML body) and {template}.{subject,text}.txt (plain text) and adds it to the
/// outbox in the caller's unit of work. The caller saves; then calls Wake() so it goes at once.
/// Mails only say that something happened, never what a MyPage message says (MAIL-1).
/// <paramref name="unsubscribePath"/> (a path of this site) marks an opt-in mail: it goes out
/// with a List-Unsubscribe header pointing there.
/// </summary>
public sealed class MailQueue(Templates templates, PublicBaseUrl baseUrl, MailSignal signal)
{
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
