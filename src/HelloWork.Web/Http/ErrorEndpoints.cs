using HelloWork.Web.Data;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Http;

/// <summary>Friendly error pages (never a stack trace outside Development) and /healthz.</summary>
public static class ErrorEndpoints
{
    public static void MapErrors(this IEndpointRouteBuilder app)
    {
        app.Map("/error", (HttpContext c, Pages p) => p.Page(c, "errors/error", new { Status = 500, Key = "errors.500" }, "errors.title", 500))
            .ExcludeFromDescription().DisableAntiforgery();
        app.Map("/error/{status:int}", (HttpContext c, Pages p, int status) =>
        {
            var known = status is 400 or 401 or 403 or 404 or 405 or 413 or 429;
            var code = known ? status : 500;
            return p.Page(c, "errors/error", new { Status = code, Key = $"errors.{code}" }, "errors.title", status);
        }).ExcludeFromDescription().DisableAntiforgery();

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
