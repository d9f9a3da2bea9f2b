using System.Text;
using System.Text.RegularExpressions;

namespace HelloWork.Tests.Infrastructure;

/// <summary>
/// One message as the SMTP sink stored it. Header values are unfolded and RFC 2047-decoded
/// (the first occurrence of a repeated header wins); Text and Html are the decoded bodies.
/// </summary>
public sealed record ReceivedMail(string To, string From, string Subject, string Text, string Html, IReadOnlyDictionary<string, string> Headers, string Raw);

/// <summary>
/// Reads the maildir that aiosmtpd's Mailbox handler writes
/// (<c>python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c aiosmtpd.handlers.Mailbox DIR</c>).
/// A small MIME reader of our own, since MimeKit is not available here: enough for what
/// System.Net.Mail sends (encoded words, nested multiparts, base64 and quoted-printable).
/// </summary>
public sealed partial class Maildir(string path)
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
        // Latin-1 maps bytes to chars one to one, so the structure can be parsed as text and each
        // body turned back into its exact bytes before it is decoded with its own charset.
        var root = ParseEntity(Encoding.Latin1.GetString(raw), isRoot: true);
        string? text = null, html = null;
        foreach (var part in Leaves(root))
        {
            if (Header(part.Headers, "Content-Disposition").StartsWith("attachment", StringComparison.OrdinalIgnoreCase)) continue;
            var (type, parameters) = ContentType(part.Headers);
            if (type == "text/plain") text ??= DecodeBody(part, parameters);
            else if (type == "text/html") html ??= DecodeBody(part, parameters);
        }
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in root.Headers) headers.TryAdd(name, DecodeWords(value));
        var to = Addresses(headers.GetValueOrDefault("To") ?? "");
        if (to == "") to = headers.GetValueOrDefault("X-RcptTo") ?? "";
        return new ReceivedMail(to, Addresses(headers.GetValueOrDefault("From") ?? ""), headers.GetValueOrDefault("Subject") ?? "",
            text ?? "", html ?? "", headers, Encoding.UTF8.GetString(raw));
    }

    private sealed record Entity(List<(string Name, string Value)> Headers, string Body, List<Entity> Parts, bool IsRoot);

    private static Entity ParseEntity(string source, bool isRoot)
    {
        var split = HeaderEnd().Match(source);
        var head = split.Success ? source[..split.Index] : source;
        var body = split.Success ? source[(split.Index + split.Length)..] : "";
        var headers = new List<(string, string)>();
        foreach (var line in Unfold().Replace(head, "").Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers.Add((line[..colon].Trim(), Utf8Header(line[(colon + 1)..].Trim())));
        }
        var entity = new Entity(headers, body, [], isRoot);
        var (type, parameters) = ContentType(headers);
        if (type.StartsWith("multipart/", StringComparison.Ordinal) && parameters.TryGetValue("boundary", out var boundary))
        {
            // Parts lie between "--boundary" lines; the line break before a delimiter belongs to it.
            var delimiter = new Regex(@"(?:^|\r?\n)--" + Regex.Escape(boundary) + @"(--)?[ \t]*(?:\r?\n|$)");
            var matches = delimiter.Matches(body);
            for (var i = 0; i + 1 < matches.Count && !matches[i].Groups[1].Success; i++)
            {
                var start = matches[i].Index + matches[i].Length;
                entity.Parts.Add(ParseEntity(body[start..matches[i + 1].Index], isRoot: false));
            }
        }
        return entity;
    }

    private static IEnumerable<Entity> Leaves(Entity e) => e.Parts.Count == 0 ? [e] : e.Parts.SelectMany(Leaves);

    private static string Header(List<(string Name, string Value)> headers, string name) =>
        headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value ?? "";

    private static (string Type, Dictionary<string, string> Parameters) ContentType(List<(string Name, string Value)> headers)
    {
        var value = Header(headers, "Content-Type");
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in Parameter().Matches(value))
            parameters[m.Groups[1].Value] = m.Groups[2].Success ? m.Groups[2].Value.Replace("\\\"", "\"") : m.Groups[3].Value;
        var type = value.Split(';')[0].Trim().ToLowerInvariant();
        return (type == "" ? "text/plain" : type, parameters);
    }

    private static string DecodeBody(Entity part, Dictionary<string, string> contentType)
    {
        // A single-part message's body ends with the line breaks that ended the SMTP data.
        var body = part.IsRoot ? part.Body.TrimEnd('\r', '\n') : part.Body;
        var bytes = Header(part.Headers, "Content-Transfer-Encoding").Trim().ToLowerInvariant() switch
        {
            "base64" => Convert.FromBase64String(Whitespace().Replace(body, "")),
            "quoted-printable" => QuotedPrintable(body),
            _ => Encoding.Latin1.GetBytes(body),
        };
        return Charset(contentType.GetValueOrDefault("charset") ?? "us-ascii").GetString(bytes);
    }

    private static byte[] QuotedPrintable(string s)
    {
        var bytes = new List<byte>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '=') { bytes.Add((byte)s[i]); continue; }
            if (i + 2 < s.Length && s[i + 1] == '\r' && s[i + 2] == '\n') i += 2;  // soft line break
            else if (i + 1 < s.Length && s[i + 1] == '\n') i += 1;
            else if (i + 2 < s.Length && Uri.IsHexDigit(s[i + 1]) && Uri.IsHexDigit(s[i + 2])) { bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16)); i += 2; }
            else bytes.Add((byte)'=');
        }
        return bytes.ToArray();
    }

    /// <summary>
    /// RFC 2047. Whitespace between adjacent encoded words is dropped, and runs of words in one
    /// charset are joined as bytes before decoding, since some encoders split a character across words.
    /// </summary>
    private static string DecodeWords(string value)
    {
        var result = new StringBuilder();
        var pending = new List<byte>();
        string? pendingCharset = null;
        var last = 0;
        foreach (Match m in EncodedWord().Matches(value))
        {
            var between = value[last..m.Index];
            if (last > 0 && string.IsNullOrWhiteSpace(between)) between = "";
            if (between.Length > 0 || !m.Groups[1].Value.Equals(pendingCharset, StringComparison.OrdinalIgnoreCase))
            {
                Flush();
                result.Append(between);
            }
            pendingCharset = m.Groups[1].Value;
            pending.AddRange(m.Groups[2].Value.ToUpperInvariant() == "B"
                ? Convert.FromBase64String(m.Groups[3].Value)
                : QuotedPrintable(m.Groups[3].Value.Replace('_', ' ')));
            last = m.Index + m.Length;
        }
        Flush();
        return result.Append(value[last..]).ToString();

        void Flush()
        {
            if (pendingCharset is not null) result.Append(Charset(pendingCharset).GetString(pending.ToArray()));
            pending.Clear();
            pendingCharset = null;
        }
    }

    /// <summary>Bare addresses from an address header: "Name" &lt;a@b&gt;, c@d becomes "a@b, c@d".</summary>
    private static string Addresses(string header) =>
        string.Join(", ", Address().Matches(header).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Value));

    // Raw 8-bit header bytes (SMTPUTF8) are UTF-8; anything else is plain ASCII and unchanged.
    private static string Utf8Header(string latin1) =>
        latin1.Any(c => c > 0x7F) ? Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(latin1)) : latin1;

    private static Encoding Charset(string name)
    {
        name = name.Trim().Trim('"');
        try { return Encoding.GetEncoding(name); }
        catch (ArgumentException) { return System.Text.CodePagesEncodingProvider.Instance.GetEncoding(name) ?? Encoding.UTF8; }
    }

    [GeneratedRegex(@"(?:^|\r?\n)\r?\n")] private static partial Regex HeaderEnd(); // a part may have no headers at all
    [GeneratedRegex(@"\r?\n(?=[ \t])")] private static partial Regex Unfold();
    [GeneratedRegex(@"\s+")] private static partial Regex Whitespace();
    [GeneratedRegex(@";\s*([^\s=;]+)\s*=\s*(?:""((?:[^""\\]|\\.)*)""|([^\s;]+))")] private static partial Regex Parameter();
    [GeneratedRegex(@"=\?([^?*]+)(?:\*[^?]*)?\?([BbQq])\?([^?]*)\?=")] private static partial Regex EncodedWord();
    [GeneratedRegex(@"<([^<>\s]+@[^<>\s]+)>|[^\s<>,;""]+@[^\s<>,;""]+")] private static partial Regex Address();
}
