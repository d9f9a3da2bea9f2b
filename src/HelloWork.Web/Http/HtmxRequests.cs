namespace HelloWork.Web;

/// <summary>
/// When an htmx request gets a fragment. In the root namespace so every feature file sees it
/// beside Htmx.Net's own extensions (global using in the project file) without a using of its own.
/// </summary>
public static class HtmxRequests
{
    /// <summary>
    /// Htmx.Net's IsHtmx() is true for every request with HX-Request, and a history-restore request
    /// (htmx missed its history cache after Back) has that header too; htmx swaps its answer in as
    /// the whole body, so it must get the whole page, not the fragment.
    /// </summary>
    public static bool WantsFragment(this HttpRequest request) =>
        request.IsHtmx() && !request.Headers.ContainsKey(HtmxRequestHeaders.Keys.HistoryRestoreRequest);
}
