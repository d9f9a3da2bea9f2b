namespace HelloWork.Web.Rendering;

/// <summary>The few htmx request/response helpers we need (the Htmx NuGet package is not available here).</summary>
public static class Htmx
{
    public static bool IsHtmx(this HttpRequest request) =>
        request.Headers.ContainsKey("HX-Request") && !request.Headers.ContainsKey("HX-History-Restore-Request");

    /// <summary>Fires a browser event (kebab-case) after the swap, e.g. "notice-sent".</summary>
    public static void HxTrigger(this HttpResponse response, string eventName) =>
        response.Headers.Append("HX-Trigger", eventName);

    public static void HxRedirect(this HttpResponse response, string url) => response.Headers["HX-Redirect"] = url;
}
