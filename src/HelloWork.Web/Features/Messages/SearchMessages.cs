using HelloWork.Web.Http;
using HelloWork.Web.Data;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Messages;

/// <summary>
/// BEY-6: substring search (Japanese words of any length, 2-character ones included) in the
/// person's own threads only; the thread filter comes first so the scan stays inside their threads.
/// </summary>
public static class SearchMessages
{
    public const int Limit = 50;
    public const int QueryMax = 100;

    public sealed record Hit(long ThreadId, string ThreadTitle, long Seq, DateTime SentAt, string Body)
    {
        /// <summary>The body shown as in the thread (Message.ToHtml: escaped, links, direction controls contained).</summary>
        public string Html => Message.ToHtml(Body);
    }

    public sealed record View(string? Q, IReadOnlyList<Hit> Hits, bool Searched);

    public static async Task<IResult> Handle(HttpContext context, string? q, AppDb db, Pages pages, CancellationToken ct)
    {
        context.DoNotCompress(); // the query beside the person's messages: no length oracle (BREACH, see Compression)
        var me = await CurrentUser.Of(context).ReadAsync(db, ct);
        var term = (q ?? "").Trim();
        if (term.Length > QueryMax) term = term[..QueryMax];
        IReadOnlyList<Hit> hits = [];
        if (term.Length > 0)
        {
            var mine = Threads.Of(db, me).Select(t => t.Id);
            hits = await db.Set<Message>()
                .Where(m => mine.Contains(m.ThreadId) && m.Body.Contains(term))
                .OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id)
                .Take(Limit)
                .Select(m => new Hit(m.ThreadId, db.Set<MessageThread>().Where(t => t.Id == m.ThreadId).Select(t => t.Title).First(), m.Seq, m.SentAt, m.Body))
                .ToListAsync(ct);
        }
        return pages.Page(context, "messages/search", new View(term, hits, term.Length > 0), "messages.search.title");
    }
}
