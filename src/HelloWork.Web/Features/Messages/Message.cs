using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Features.Messages;

/// <summary>A plain-text message in a thread, numbered within it; the sender's key makes a retried send land once (MSG-4).</summary>
public sealed partial class Message
{
    public const int BodyMax = 2000;
    public const int ClientKeyMax = 64;

    public long Id { get; private set; }
    public long ThreadId { get; private set; }
    public long Seq { get; private set; }
    public Guid SenderId { get; private set; }
    public ThreadSide SenderSide { get; private set; }
    public string Body { get; private set; } = "";
    public string ClientKey { get; private set; } = "";
    public DateTime SentAt { get; private set; }

    private Message()
    {
    }

    internal Message(long threadId, long seq, Guid senderId, ThreadSide side, string body, string clientKey, DateTime now)
    {
        ThreadId = threadId;
        Seq = seq;
        SenderId = senderId;
        SenderSide = side;
        Body = body;
        ClientKey = clientKey;
        SentAt = now;
    }

    /// <summary>Line ends as \n, no trailing blanks; so the length counted is the length stored.</summary>
    public static string Normalize(string? body) => (body ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Trim();

    /// <summary>
    /// The body as HTML: everything escaped, then http(s) links made clickable, and each direction
    /// control (say U+202E, right-to-left override) put in a &lt;bdi&gt; of its own, where it ends at once:
    /// "abc", U+202E, "txt.exe" reads abctxt.exe, not abcexe.txt. The characters stay in the text
    /// (copying gives what was sent). Nothing else is rendered; the result is safe for raw output.
    /// </summary>
    public static string ToHtml(string body)
    {
        var html = new StringBuilder();
        var last = 0;
        foreach (Match m in Link().Matches(body))
        {
            AppendText(html, body[last..m.Index]);
            var url = WebUtility.HtmlEncode(m.Value);
            html.Append("<a href=\"").Append(url).Append("\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">").Append(url).Append("</a>");
            last = m.Index + m.Length;
        }
        AppendText(html, body[last..]);
        return html.ToString();
    }

    private static void AppendText(StringBuilder html, string text) =>
        html.Append(DirectionControl().Replace(WebUtility.HtmlEncode(text), "<bdi class=\"bidi-control\">$0</bdi>"));

    [GeneratedRegex(@"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")]
    private static partial Regex Link();

    /// <summary>Embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069): each can reorder what follows it.</summary>
    [GeneratedRegex("[\u202A-\u202E\u2066-\u2069]")]
    private static partial Regex DirectionControl();
}

public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> message)
    {
        message.ToTable("Messages");
        message.Property(m => m.Body).HasMaxLength(Message.BodyMax);
        message.Property(m => m.ClientKey).HasMaxLength(Message.ClientKeyMax);
        message.HasIndex(m => new { m.ThreadId, m.Seq }).IsUnique();
        message.HasIndex(m => new { m.SenderId, m.ClientKey }).IsUnique();
        message.HasOne<MessageThread>().WithMany().HasForeignKey(m => m.ThreadId).OnDelete(DeleteBehavior.Cascade);
        message.HasOne<Accounts.AppUser>().WithMany().HasForeignKey(m => m.SenderId).OnDelete(DeleteBehavior.Restrict);
    }
}
