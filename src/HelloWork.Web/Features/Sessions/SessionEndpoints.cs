namespace HelloWork.Web.Features.Sessions;

public static class SessionEndpoints
{
    public static void MapSessions(this IEndpointRouteBuilder app)
    {
        // Every signed-in person, staff included (they sign in separately but their sessions are the same kind).
        var mine = app.MapGroup("/account/sessions").RequireAuthorization();
        mine.MapGet("", ListSessions.Show);
        mine.MapPost("/{id:long}/end", EndSession.One);
        mine.MapPost("/end-others", EndSession.Others);
    }
}
