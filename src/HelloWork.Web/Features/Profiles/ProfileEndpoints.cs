using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Rendering;
using Microsoft.AspNetCore.Mvc;

namespace HelloWork.Web.Features.Profiles;

public static class ProfileEndpoints
{
    public static void MapProfiles(this IEndpointRouteBuilder app)
    {
        var mine = app.MapGroup(ShowProfile.Path).RequireAuthorization(Policies.Seeker);
        mine.MapGet("", ShowProfile.Page);
        mine.MapGet("/notes", ShowProfile.Notes);
        mine.MapGet("/preview", PreviewProfile.Handle);
        mine.MapPost("/" + PublishProfile.Slug, PublishProfile.Handle);
        // One literal route per section (no {section} parameter): each is a form endpoint of its own.
        foreach (var section in ProfileFields.Sections)
        {
            mine.MapGet("/" + section.Slug, (HttpContext c, AppDb db, Pages p, Texts t, TimeProvider clock, CancellationToken ct) =>
                EditProfileSection.Show(c, section, editing: false, db, p, t, clock, ct));
            mine.MapGet($"/{section.Slug}/edit", (HttpContext c, AppDb db, Pages p, Texts t, TimeProvider clock, CancellationToken ct) =>
                EditProfileSection.Show(c, section, editing: true, db, p, t, clock, ct));
            mine.MapPost("/" + section.Slug, (HttpContext c, [FromForm] SectionForm form, AppDb db, Pages p, Texts t, TimeProvider clock, CancellationToken ct) =>
                EditProfileSection.Handle(c, section, form, db, p, t, clock, ct));
        }

        app.MapGet(ViewSeeker.Path, ViewSeeker.Handle).RequireAuthorization(Policies.Employer);

        var staff = app.MapGroup(AddProfileNote.Path).RequireAuthorization(Policies.Staff);
        staff.MapGet("/new", AddProfileNote.Show);
        staff.MapPost("", AddProfileNote.Handle);
    }
}
