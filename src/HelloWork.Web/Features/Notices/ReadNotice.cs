using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Data;
using HelloWork.Web.Live;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Notices;

/// <summary>Opening a notice shows it and marks it read in every open tab of the recipient.</summary>
public static class ReadNotice
{
    public static async Task<IResult> Handle(HttpContext context, long id, AppDb db, Pages pages, TimeProvider clock, LiveNotifier live, CancellationToken ct)
    {
        var userId = context.User.Id();
        var notice = await db.Set<Notice>().SingleOrDefaultAsync(n => n.Id == id && n.RecipientId == userId, ct);
        if (notice is null)
        {
            return Results.NotFound();
        }
        if (notice.MarkRead(clock.GetUtcNow().UtcDateTime))
        {
            await db.SaveChangesAsync(ct);
            await live.PushAsync(c => c.NoticeRead(notice.Id), userId);
        }
        return pages.Page(context, "notices/show", notice, "notices.title");
    }
}
