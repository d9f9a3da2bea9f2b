using HelloWork.Web.Data;
using HelloWork.Web.Domain;
using HelloWork.Web.Http;
using HelloWork.Web.Rendering;
using Microsoft.AspNetCore.Mvc;

namespace HelloWork.Web.Features.Profiles;

/// <summary>
/// PRO-2: the seeker switches publication (求職公開) on or off at any time. Publishing needs the
/// always-public items and a registration that allows changes (ACC-9); taking the profile out of
/// view is always possible.
/// </summary>
public static class PublishProfile
{
    public const string Slug = "publication";

    public sealed record Form
    {
        public bool Published { get; set; }
    }

    public static async Task<IResult> Handle(HttpContext context, [FromForm] Form form, AppDb db, Pages pages, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var seeker = await CurrentUser.Of(context).LoadAsync(db, ct);
        var errors = new FormErrors(context, texts);
        var error = errors.Any ? errors.Summary : null;
        SeekerProfile? profile = null;
        if (error is null)
        {
            try
            {
                profile = await ProfileStore.ChangeAsync(db, seeker, now, p =>
                {
                    if (form.Published) p.Publish(seeker, now);
                    else p.Unpublish(seeker);
                }, ct);
            }
            catch (DomainException refusal)
            {
                error = texts.Format(refusal.Key, refusal.Args);
            }
        }
        if (!context.Request.WantsFragment())
        {
            return error is null
                ? Results.Redirect($"{ShowProfile.Path}?saved={Slug}#profile-{Slug}")
                : await ShowProfile.RenderAsync(context, db, pages, texts, clock, new ShowProfile.Focus(PublicationError: error), 422, ct);
        }
        profile ??= (await ProfileStore.LoadAsync(db, seeker.Id, ct)).Profile;
        var canPublish = SeekerProfile.EditRefusal(seeker, now) is null;
        return pages.Fragment(context, "profiles/_publication",
            ShowProfile.Publication(texts, profile, canPublish, saved: error is null, error), error is null ? 200 : 422);
    }
}
