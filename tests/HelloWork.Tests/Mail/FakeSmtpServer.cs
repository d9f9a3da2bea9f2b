using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HelloWork.Tests.Mail;

/// <summary>
/// A small SMTP server inside the test, for what the aiosmtpd sink cannot show: how many
/// connections a dispatch made, and how the app copes with a server that refuses. It is strict
/// where that matters: a second MAIL without RSET after a failed transaction is refused (503).
/// It offers no extensions, so the client sends plain 7-bit SMTP.
/// </summary>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedMail> _received = new();
    private int _connections;
    private int _dropAfterData;

    private FakeSmtpServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public static FakeSmtpServer Start() => new();

    public int Port { get; }
    public int Connections => Volatile.Read(ref _connections);
    public IReadOnlyList<ReceivedMail> Received => _received.ToList();

    /// <summary>When set, the greeting is this reply (e.g. "554 5.3.2 not accepting mail") and the connection closes.</summary>
    public string? RefuseConnections { get; set; }

    /// <summary>A reply for RCPT TO (e.g. "451 4.2.1 try later"), or null to accept the recipient.</summary>
    public Func<string, string?> RejectRecipient { get; set; } = _ => null;

    /// <summary>The next <paramref name="times"/> messages are stored, then the connection closes before the reply to the data.</summary>
    public void DropAfterData(int times) => Volatile.Write(ref _dropAfterData, times);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient tcp)
    {
        using var _ = tcp;
        try
        {
            var stream = tcp.GetStream();
            var reader = new StreamReader(stream, Encoding.Latin1);
            var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
            if (RefuseConnections is { } refusal)
            {
                await writer.WriteLineAsync(refusal);
                return;
            }
            await writer.WriteLineAsync("220 fake.test ESMTP");
            var inTransaction = false;
            var recipients = 0;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 fake.test");
                        break;
                    case "MAIL" when inTransaction:
                        await writer.WriteLineAsync("503 5.5.1 nested MAIL command");
                        break;
                    case "MAIL":
                        (inTransaction, recipients) = (true, 0);
                        await writer.WriteLineAsync("250 2.1.0 OK");
                        break;
                    case "RCPT" when !inTransaction:
                        await writer.WriteLineAsync("503 5.5.1 MAIL first");
                        break;
                    case "RCPT":
                        var address = line[(line.IndexOf('<') + 1)..line.LastIndexOf('>')];
                        var reject = RejectRecipient(address);
                        if (reject is null) recipients++;
                        await writer.WriteLineAsync(reject ?? "250 2.1.5 OK");
                        break;
                    case "DATA" when recipients == 0:
                        await writer.WriteLineAsync("554 5.5.1 no valid recipients");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith('.') ? dataLine[1..] : dataLine).Append("\r\n");
                        }
                        _received.Enqueue(Infrastructure.Maildir.Parse(Encoding.Latin1.GetBytes(data.ToString())));
                        inTransaction = false;
                        if (Interlocked.Decrement(ref _dropAfterData) >= 0) return; // stored, but the client never hears so
                        Interlocked.Increment(ref _dropAfterData);
                        await writer.WriteLineAsync("250 2.0.0 queued");
                        break;
                    case "RSET":
                        inTransaction = false;
                        await writer.WriteLineAsync("250 2.0.0 OK");
                        break;
                    case "NOOP":
                        await writer.WriteLineAsync("250 2.0.0 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 not implemented");
                        break;
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
            // the client went away
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        return ValueTask.CompletedTask;
    }
}
