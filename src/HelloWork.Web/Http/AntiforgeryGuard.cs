using HelloWork.Web.Rendering;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;

namespace HelloWork.Web.Http;

/// <summary>
/// SEC-3: every unsafe request (POST, PUT, PATCH, DELETE, any method but GET, HEAD, OPTIONS and
/// TRACE) to an endpoint of ours carries a valid antiforgery token, the form field a page's form
/// sends or the RequestVerificationToken header htmx sends (wwwroot/js/app.js), whether or not
/// the endpoint binds a form. Minimal APIs check the token only where a form is bound, so this
/// is the one place that refuses. The only way out is metadata on the endpoint
/// (<c>DisableAntiforgery()</c>), and the only endpoints that carry it are the live hub's (see
/// HelloWorkSetup.MapHelloWork); EndpointAntiforgeryTests enumerates every endpoint to keep it that way.
/// </summary>
public static class AntiforgeryGuard
{
    public const string RefusedEvent = "request-refused";

    /// <summary>After UseAntiforgery (which validates form endpoints and says so in a feature), before the endpoints.</summary>
    public static IApplicationBuilder UseAntiforgeryOnEveryUnsafeMethod(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (NeedsToken(context) && !await IsValidAsync(context))
        {
            await RefuseAsync(context);
            return;
        }
        await next();
    });

    public static bool IsUnsafe(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    /// <summary>True when the endpoint says, with metadata, that it takes unsafe requests without a token.</summary>
    public static bool IsExempt(Endpoint endpoint) => endpoint.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: false };

    private static bool NeedsToken(HttpContext context) =>
        IsUnsafe(context.Request.Method)
        // Every endpoint we map is a route endpoint; routing's own "405 method not allowed" is not, and changes nothing.
        && context.GetEndpoint() is RouteEndpoint endpoint
        && !IsExempt(endpoint)
        // An error page shown again for a request that already went through here (or failed before it).
        && context.Features.Get<IStatusCodeReExecuteFeature>() is null
        && context.Features.Get<IExceptionHandlerFeature>() is null;

    private static async Task<bool> IsValidAsync(HttpContext context)
    {
        // UseAntiforgery has already validated an endpoint that binds a form: its answer is in this feature.
        if (context.Features.Get<IAntiforgeryValidationFeature>() is { } checkedBefore)
        {
            return checkedBefore.IsValid;
        }
        return await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context);
    }

    /// <summary>
    /// A page that says what happened (the page is too old, or the request came from elsewhere) and what
    /// to do. htmx does not swap a 400 in, so its toast shows the same words (app.js, RefusedEvent).
    /// </summary>
    private static Task RefuseAsync(HttpContext context)
    {
        var texts = context.RequestServices.GetRequiredService<Texts>();
        var pages = context.RequestServices.GetRequiredService<Pages>();
        if (context.Request.WantsFragment())
        {
            context.Response.Htmx(h => h.WithTrigger(RefusedEvent, new { message = texts.Get("errors.antiforgery.explain") }));
        }
        var page = pages.Page(context, "errors/error",
            new ErrorEndpoints.View(StatusCodes.Status400BadRequest, "errors.antiforgery", "errors.antiforgery.explain"),
            "errors.title", StatusCodes.Status400BadRequest);
        return page.ExecuteAsync(context);
    }
}
