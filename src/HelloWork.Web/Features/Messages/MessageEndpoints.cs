namespace HelloWork.Web.Features.Messages;

public static class MessageEndpoints
{
    public static void MapMessages(this IEndpointRouteBuilder app)
    {
        // Seekers, employers and staff (for their own conversations); who sees which thread is decided per query.
        var mine = app.MapGroup("/messages").RequireAuthorization();
        mine.MapGet("", ListThreads.Page);
        mine.MapGet("/list", ListThreads.List);
        mine.MapGet("/badge", ListThreads.Badge);
        mine.MapGet("/search", SearchMessages.Handle);
        mine.MapGet("/settings", ChangeSettings.Show);
        mine.MapPost("/settings", ChangeSettings.Handle);
        mine.MapGet("/{id:long}", ShowThread.Page);
        mine.MapGet("/{id:long}/messages", ShowThread.Fragment);
        mine.MapGet("/{id:long}/state", ShowThread.StateFragment);
        mine.MapPost("/{id:long}", SendMessage.Handle);
        mine.MapPost("/{id:long}/unread", MarkUnread.Handle);
    }
}
