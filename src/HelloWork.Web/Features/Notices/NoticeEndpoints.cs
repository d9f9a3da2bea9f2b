using HelloWork.Web.Features.Accounts;

namespace HelloWork.Web.Features.Notices;

public static class NoticeEndpoints
{
    public static void MapNotices(this IEndpointRouteBuilder app)
    {
        var mine = app.MapGroup("/notices").RequireAuthorization(Policies.SeekerOrEmployer);
        mine.MapGet("", ListNotices.Page);
        mine.MapGet("/list", ListNotices.List);
        mine.MapGet("/badge", ListNotices.Badge);
        mine.MapGet("/{id:long}", ReadNotice.Handle);

        var staff = app.MapGroup("/staff/notices").RequireAuthorization(Policies.Staff);
        staff.MapGet("/new", SendNotice.Show);
        staff.MapPost("", SendNotice.Handle);
    }
}
