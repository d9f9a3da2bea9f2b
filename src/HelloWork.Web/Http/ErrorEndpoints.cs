using HelloWork.Web.Data;
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

        app.MapGet("/healthz", async (AppDb db, CancellationToken ct) =>
        {
            try
            {
                // Migrated means none of this build's migrations is still to apply.
                var migrations = (await db.Database.GetAppliedMigrationsAsync(ct)).Count();
                if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
                {
                    return Results.Json(new { status = "migrating", migrations }, statusCode: 503);
                }
                return Results.Json(new { status = "ok", migrations });
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return Results.Json(new { status = "unavailable" }, statusCode: 503);
            }
        });
    }
}
