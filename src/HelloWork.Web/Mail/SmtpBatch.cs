using MailKit.Net.Smtp;

namespace HelloWork.Web.Mail;

/// <summary>
/// One MailKit SmtpClient for a batch of mails: connect (and authenticate) once, send each,
/// disconnect. A mail the server refuses fails alone and the connection goes on; a connection
/// that drops is made again once for the next mail; a connection that cannot be made fails
/// every later mail of the batch at once instead of waiting for the server again for each.
/// </summary>
internal sealed class SmtpBatch(MailOptions options, ILogger logger) : IMailBatch
{
    private readonly SmtpClient _client = new() { Timeout = options.TimeoutSeconds * 1000 };
    private Exception? _connectFailure;

    public async Task SendAsync(OutboxMail mail, CancellationToken ct)
    {
        // Built first: a mail that cannot be built (a bad address) fails without touching the server.
        var message = MailMessages.Build(mail, options);
        await EnsureConnectedAsync(ct);
        await _client.SendAsync(message, ct);
    }

    private async Task EnsureConnectedAsync(CancellationToken ct)
    {
        if (_connectFailure is not null)
        {
            throw new InvalidOperationException(
                $"Not tried: connecting to {options.Host}:{options.Port} failed earlier in this batch ({_connectFailure.Message})", _connectFailure);
        }
        if (_client.IsConnected)
        {
            return;
        }
        // Client.Timeout bounds reads and writes; connecting and the TLS handshake get the same bound here.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        try
        {
            await _client.ConnectAsync(options.Host, options.Port, options.EffectiveSecurity, timeout.Token);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await _client.AuthenticateAsync(options.UserName, options.Password ?? "", timeout.Token);
            }
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            _connectFailure = new TimeoutException($"{options.Host}:{options.Port} did not answer within {options.TimeoutSeconds} s", e);
            throw _connectFailure;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _connectFailure = e;
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.TimeoutSeconds));
                await _client.DisconnectAsync(quit: true, timeout.Token);
            }
        }
        catch (Exception e)
        {
            // Every mail of the batch is already marked; a QUIT that fails changes nothing.
            logger.LogDebug(e, "SMTP disconnect failed");
        }
        finally
        {
            _client.Dispose();
        }
    }
}
