using System.Globalization;
using System.Threading.RateLimiting;
using HelloWork.Web.Domain;
using HelloWork.Web.Rendering;
using Microsoft.AspNetCore.RateLimiting;

namespace HelloWork.Web.Http;

/// <summary>
/// The answer to a request over its limit (SEC-5): 429 with Retry-After, in the person's language.
/// A page asks for the whole page; an htmx request gets a fragment that htmx swaps into the page's
/// message area (#toast), so the form stays on screen with what was typed.
/// </summary>
public static class TooManyRequests
{
    public static async ValueTask WriteAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var services = context.RequestServices;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        var texts = services.GetRequiredService<Texts>();
        var pages = services.GetRequiredService<Pages>();
        var until = JapanTime.ToJst(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddSeconds(seconds));
        var message = texts.Format("limits.too-many.body", Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes)), until.ToString("HH:mm", CultureInfo.InvariantCulture));
        IResult result;
        if (context.Request.WantsFragment())
        {
            context.Response.Htmx(h => h.Retarget("#toast").Reswap("outerHTML").Reselect("#toast"));
            result = pages.Fragment(context, "errors/_too-many", new { Message = message }, StatusCodes.Status429TooManyRequests);
        }
        else
        {
            result = pages.Page(context, "errors/too-many", new { Message = message }, "limits.too-many.title", StatusCodes.Status429TooManyRequests);
        }
        await result.ExecuteAsync(context);
    }
}
