using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Http;
using HelloWork.Web.Rendering;

namespace HelloWork.Web.Features.Profiles;

/// <summary>
/// PRO-2: the seeker sees their profile exactly as employers will, through the partial the
/// employer's page uses (<see cref="ViewSeeker"/>), published or not yet. Only ever their own: the
/// URL names no profile.
/// </summary>
public static class PreviewProfile
{
    public sealed record View(bool Published, PublicProfile.View Public);

    public static async Task<IResult> Handle(HttpContext context, AppDb db, Pages pages, Texts texts, CancellationToken ct)
    {
        var loaded = await ProfileStore.LoadAsync(db, context.User.Id(), ct);
        var view = new View(loaded.Profile?.IsPublished == true, PublicProfile.Of(texts, loaded.Document, loaded.Profile?.UpdatedAt));
        return pages.Page(context, "profiles/preview", view, "profiles.preview.title");
    }
}
