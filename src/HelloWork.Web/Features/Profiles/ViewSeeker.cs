using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Profiles;

/// <summary>
/// PRO-2: a signed-in employer opens one published profile by its public id and sees only what a
/// published profile shows. An unknown id, a private profile, or one whose registration is not
/// valid (lapsed, withdrawn, suspended) answers 404 alike, so nothing tells them apart.
/// </summary>
public static class ViewSeeker
{
    public const string Path = "/seekers/{publicId}";

    /// <summary>Where an employer opens a published profile (the search of REQ-1 links here).</summary>
    public static string PathOf(string publicId) => $"/seekers/{publicId}";

    public sealed record View(string PublicId, PublicProfile.View Public);

    public static async Task<IResult> Handle(HttpContext context, string publicId, AppDb db, Pages pages, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await (
                from profile in db.Set<SeekerProfile>().AsNoTracking()
                join seeker in db.Users.AsNoTracking() on profile.UserId equals seeker.Id
                where profile.PublicId == publicId && profile.IsPublished
                select new { profile, seeker })
            .SingleOrDefaultAsync(ct);
        if (found is null || !found.profile.IsVisibleToEmployers(found.seeker, now))
        {
            return Results.NotFound();
        }
        var view = new View(publicId, PublicProfile.Of(texts, found.profile.Read(), found.profile.UpdatedAt));
        return pages.Page(context, "profiles/seeker", view, "profiles.public.title");
    }
}
