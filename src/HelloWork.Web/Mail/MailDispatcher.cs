using HelloWork.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelloWork.Web.Mail;

/// <summary>
/// Sends due outbox mails, a pass at a time over one SMTP connection. Each mail is claimed with a
/// conditional UPDATE just before it is sent, so several server instances never send one mail
/// twice; a failure backs off and retries that mail alone.
/// </summary>
public sealed class MailDispatcher(
    IServiceScopeFactory scopes, MailSender sender, MailSignal signal, TimeProvider clock,
    IOptions<MailOptions> options, ILogger<MailDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Mail dispatch pass failed; will try again");
            }
            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(options.Value.PollSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: sends every mail that is due now. Returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        await _oneAtATime.WaitAsync(ct);
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await db.Set<OutboxMail>()
                .Where(m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now
                            && (m.LockedUntil == null || m.LockedUntil < now))
                .OrderBy(m => m.NextAttemptAt)
                .Select(m => m.Id)
                .Take(100)
                .ToListAsync(ct);
            if (due.Count == 0)
            {
                return 0;
            }
            // One connection for the pass; each mail is still claimed, sent and marked on its own,
            // so a mail that fails is rescheduled alone and none is sent twice.
            var sent = 0;
            await using var batch = sender.OpenBatch();
            foreach (var id in due)
            {
                var claimedAt = clock.GetUtcNow().UtcDateTime;
                var lockedUntil = claimedAt + ClaimFor;
                var claimed = await db.Set<OutboxMail>()
                    .Where(m => m.Id == id && m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= claimedAt
                                && (m.LockedUntil == null || m.LockedUntil < claimedAt))
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, lockedUntil), ct);
                if (claimed == 0)
                {
                    continue; // another instance has it, or sent or rescheduled it since the list was read
                }
                var mail = await db.Set<OutboxMail>().SingleAsync(m => m.Id == id, ct);
                try
                {
                    await batch.SendAsync(mail, ct);
                    mail.MarkSent(clock.GetUtcNow().UtcDateTime);
                    sent++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Mail {Id} to {To} failed (attempt {Attempt}): {Error}", mail.Id, mail.To, mail.Attempts + 1, e.Message);
                    mail.MarkFailed(e.Message, clock.GetUtcNow().UtcDateTime);
                }
                await db.SaveChangesAsync(ct);
            }
            return sent;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }
}
