using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Data;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Notices;

/// <summary>The recipient's notices, newest first, with unread marks; and the unread badge.</summary>
public static class ListNotices
{
    public const int PageSize = 30;

    public sealed record Row(long Id, string Title, DateTime SentAt, bool Unread);

    public sealed record View(IReadOnlyList<Row> Rows, long? OlderThan);

    public static async Task<View> LoadAsync(AppDb db, Guid userId, long? before, CancellationToken ct)
    {
        var query = db.Set<Notice>().Where(n => n.RecipientId == userId);
        if (before is not null)
        {
            query = query.Where(n => n.Id < before);
        }
        var rows = await query
            .OrderByDescending(n => n.Id)
            .Take(PageSize + 1)
            .Select(n => new Row(n.Id, n.Title, n.SentAt, n.ReadAt == null))
            .ToListAsync(ct);
        var more = rows.Count > PageSize;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }
        return new View(rows, more ? rows[^1].Id : null);
    }

    public static async Task<IResult> Page(HttpContext context, AppDb db, Pages pages, CancellationToken ct) =>
        pages.Page(context, "notices/index", await LoadAsync(db, context.User.Id(), null, ct), "notices.title");

    public static async Task<IResult> List(HttpContext context, AppDb db, Pages pages, long? before, CancellationToken ct) =>
        // The first page refills the list's content; an older page adds rows where its button was.
        pages.Fragment(context, before is null ? "notices/_items" : "notices/_rows", await LoadAsync(db, context.User.Id(), before, ct));

    public static async Task<IResult> Badge(HttpContext context, AppDb db, Pages pages, CancellationToken ct)
    {
        var userId = context.User.Id();
        var unread = await db.Set<Notice>().CountAsync(n => n.RecipientId == userId && n.ReadAt == null, ct);
        return pages.Fragment(context, "notices/_badge", new { Unread = unread });
    }
}
