using System.Text;
using MimeKit;

namespace HelloWork.Tests.Infrastructure;

/// <summary>
/// One message as the SMTP sink stored it, read by MimeKit. To and From are bare addresses
/// (several joined by ", "); header values are decoded (the first of a repeated header wins);
/// Text and Html are the decoded bodies; Message is everything else (display names, Message-ID,
/// Date, the MIME structure); Raw is the stored bytes as UTF-8 text.
/// </summary>
public sealed record ReceivedMail(string To, string From, string Subject, string Text, string Html, IReadOnlyDictionary<string, string> Headers, string Raw, MimeMessage Message);

/// <summary>
/// Reads the maildir that aiosmtpd's Mailbox handler writes
/// (<c>python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c aiosmtpd.handlers.Mailbox DIR</c>).
/// </summary>
public sealed class Maildir(string path)
{
    public string Path { get; } = path;

    public IReadOnlyList<ReceivedMail> All() =>
        new[] { "new", "cur" }
            .Select(sub => System.IO.Path.Combine(Path, sub))
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles)
            .Select(f => new FileInfo(f))
            .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => Parse(File.ReadAllBytes(f.FullName)))
            .ToList();

    public async Task<ReceivedMail> WaitForAsync(Func<ReceivedMail, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var all = All();
            if (all.FirstOrDefault(match) is { } found) return found;
            if (DateTime.UtcNow >= deadline)
            {
                var arrived = all.Count == 0 ? " none" : string.Concat(all.Select(m => $"{Environment.NewLine}  to {m.To}: {m.Subject}"));
                throw new TimeoutException($"No matching mail in {Path} within {timeout}. Arrived:{arrived}");
            }
            await Task.Delay(50);
        }
    }

    public static ReceivedMail Parse(byte[] raw)
    {
        using var stream = new MemoryStream(raw, writable: false);
        var message = MimeMessage.Load(stream);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in message.Headers) headers.TryAdd(header.Field, header.Value);
        var to = Addresses(message.To);
        // aiosmtpd adds X-RcptTo with the envelope recipients; a message without To still shows where it went.
        if (to == "") to = headers.GetValueOrDefault("X-RcptTo") ?? "";
        return new ReceivedMail(to, Addresses(message.From), message.Subject ?? "", message.TextBody ?? "", message.HtmlBody ?? "",
            headers, Encoding.UTF8.GetString(raw), message);
    }

    private static string Addresses(InternetAddressList list) => string.Join(", ", list.Mailboxes.Select(m => m.Address));
}
