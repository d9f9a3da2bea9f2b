using HelloWork.Web.Data;
using HelloWork.Web.Live;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Http;

/// <summary>Friendly error pages (never a stack trace outside Development) and /healthz.</summary>
public static class ErrorEndpoints
{
    /// <summary>The error page: its code, its heading and what to do (text keys).</summary>
    public sealed record View(int Status, string Key, string Explain = "errors.explain");

    // Shown again for any request, POST included, by the exception handler and the status code pages;
    // AntiforgeryGuard lets those re-executions through (a POST straight to /error still needs a token).
    public static void MapErrors(this IEndpointRouteBuilder app)
    {
        app.Map("/error", (HttpContext c, Pages p) => p.Page(c, "errors/error", new View(500, "errors.500"), "errors.title", 500))
            .ExcludeFromDescription();
        app.Map("/error/{status:int}", (HttpContext c, Pages p, int status) =>
        {
            var known = status is 400 or 401 or 403 or 404 or 405 or 413 or 429;
            var code = known ? status : 500;
            return p.Page(c, "errors/error", new View(code, $"errors.{code}"), "errors.title", status);
        }).ExcludeFromDescription();

        app.MapGet("/healthz", Health);
    }

    /// <summary>
    /// 200 {"status":"ok"} when the database is reachable and migrated and Redis (when configured)
    /// carries pushes; 200 {"status":"degraded"} when only Redis is away (pages work, pushes pause);
    /// 503 when the database is unreachable ("unavailable") or still being migrated ("migrating").
    /// </summary>
    private static async Task<IResult> Health(AppDb db, LiveBackplane backplane, CancellationToken ct)
    {
        var redis = backplane.StateAsync(ct);
        string database;
        var migrations = 0;
        try
        {
            // Migrated means none of this build's migrations is still to apply.
            migrations = (await db.Database.GetAppliedMigrationsAsync(ct)).Count();
            database = (await db.Database.GetPendingMigrationsAsync(ct)).Any() ? "migrating" : "ok";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            database = "unavailable";
        }
        var live = await redis;
        var status = database != "ok" ? database : live == "unavailable" ? "degraded" : "ok";
        return Results.Json(new { status, database, redis = live, migrations }, statusCode: database == "ok" ? 200 : 503);
    }
}
