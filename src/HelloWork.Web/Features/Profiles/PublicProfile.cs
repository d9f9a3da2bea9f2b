using HelloWork.Web.Rendering;

namespace HelloWork.Web.Features.Profiles;

/// <summary>
/// PRO-2: the profile as employers see it, built only from the items a published profile shows
/// (always-public ones and the optional ones switched on; never a never-public one, whatever the
/// document holds). The employer's page and the seeker's preview both render this, with one partial.
/// </summary>
public static class PublicProfile
{
    public sealed record Row(string Key, string Label, string Text);

    public sealed record View(string Title, IReadOnlyList<Row> Rows, DateTime? UpdatedAt);

    public static View Of(Texts texts, ProfileDocument document, DateTime? updatedAt)
    {
        var rows = ProfileFields.Items.Where(document.Shows)
            .Select(item => new Row(item.Key, ProfileDisplay.Label(texts, item), ProfileDisplay.Text(texts, item, document.Values)))
            .Where(row => row.Text.Length > 0)
            .ToList();
        return new View(document.Values.DesiredJob ?? texts.Get("profiles.public.untitled"), rows, updatedAt);
    }
}
