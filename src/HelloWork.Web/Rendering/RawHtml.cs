namespace HelloWork.Web.Rendering;

/// <summary>
/// HTML that our own code rendered (a partial, the antiforgery field, a message body we built):
/// the one kind of value an HTML template writes without encoding. Templates spell it
/// <c>raw x</c>, <c>include "name"</c> or <c>csrf</c>; RenderingTests lists every such site.
/// </summary>
public sealed record RawHtml(string Html)
{
    public override string ToString() => Html;
}
