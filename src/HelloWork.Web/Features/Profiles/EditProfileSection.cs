using HelloWork.Web.Data;
using HelloWork.Web.Domain;
using HelloWork.Web.Http;
using HelloWork.Web.Rendering;

namespace HelloWork.Web.Features.Profiles;

/// <summary>
/// One section of the profile read or edited on its own (PRO-1), with the show/hide switch of each
/// of its optional items (PRO-2). htmx swaps just the section; without script each step is a whole
/// page. Refused with the reason while the seeker may not edit (ACC-9).
/// </summary>
public static class EditProfileSection
{
    /// <summary>GET …/{section} (read) and …/{section}/edit (its form).</summary>
    public static async Task<IResult> Show(HttpContext context, ProfileSection section, bool editing, AppDb db, Pages pages, Texts texts,
        TimeProvider clock, CancellationToken ct)
    {
        if (!context.Request.WantsFragment())
        {
            return editing
                ? await ShowProfile.RenderAsync(context, db, pages, texts, clock, new ShowProfile.Focus(Editing: section.Slug), 200, ct)
                : Results.Redirect($"{ShowProfile.Path}#profile-{section.Slug}");
        }
        var seeker = await CurrentUser.Of(context).ReadAsync(db, ct);
        var refusal = SeekerProfile.EditRefusal(seeker, clock.GetUtcNow().UtcDateTime);
        var loaded = await ProfileStore.LoadAsync(db, seeker.Id, ct);
        var view = ProfileViews.Section(texts, section, loaded.Document, seeker, editing && refusal is null, refusal is null,
            new SectionState(Error: editing && refusal is not null ? texts.Get(refusal) : null));
        return pages.Fragment(context, view.Editing ? "profiles/_section-form" : "profiles/_section", view);
    }

    public static async Task<IResult> Handle(HttpContext context, ProfileSection section, SectionForm form, AppDb db, Pages pages, Texts texts,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var seeker = await CurrentUser.Of(context).LoadAsync(db, ct);
        var errors = new FormErrors(context, texts);
        var values = ProfileChecks.Check(errors, section, form);
        var shown = section.Items.Where(i => i.IsOptional && form.Shows(i)).Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
        // Only this section's fields count: a field of another section, sent along, is not taken (and not refused).
        var refused = errors.Fields.Where(e => e.Key == FormGuard.WholeForm || section.Inputs.Any(i => i.Name == e.Key) || section.Items.Any(i => i.SwitchName == e.Key))
            .ToDictionary(e => e.Key, e => e.Value);
        string? error = refused.GetValueOrDefault(FormGuard.WholeForm);
        SeekerProfile? profile = null;
        if (refused.Count == 0)
        {
            try
            {
                profile = await ProfileStore.ChangeAsync(db, seeker, now, p => p.Edit(section, values, shown, seeker, now), ct);
            }
            catch (DomainException refusal)
            {
                error = texts.Format(refusal.Key, refusal.Args);
            }
        }
        if (profile is null)
        {
            var state = new SectionState(form, shown, refused, error);
            if (!context.Request.WantsFragment())
            {
                return await ShowProfile.RenderAsync(context, db, pages, texts, clock, new ShowProfile.Focus(Editing: section.Slug, Section: state), 422, ct);
            }
            var loaded = await ProfileStore.LoadAsync(db, seeker.Id, ct);
            var canEdit = SeekerProfile.EditRefusal(seeker, now) is null;
            return pages.Fragment(context, "profiles/_section-form", ProfileViews.Section(texts, section, loaded.Document, seeker, editing: true, canEdit, state), 422);
        }
        if (!context.Request.WantsFragment())
        {
            return Results.Redirect($"{ShowProfile.Path}?saved={section.Slug}#profile-{section.Slug}");
        }
        return pages.Fragment(context, "profiles/_section", ProfileViews.Section(texts, section, profile.Read(), seeker, editing: false, canEdit: true, new SectionState(Saved: true)));
    }
}

/// <summary>What a section's form sends: the values of <see cref="ProfileValues"/> it has, and a switch per optional item (<c>Show{Key}</c>).</summary>
public sealed record SectionForm : ProfileValues
{
    public bool ShowEmploymentType { get; set; }
    public bool ShowWage { get; set; }
    public bool ShowHours { get; set; }
    public bool ShowDaysOff { get; set; }
    public bool ShowRelocation { get; set; }
    public bool ShowUiTurn { get; set; }
    public bool ShowOverseas { get; set; }
    public bool ShowDriverLicense { get; set; }
    public bool ShowTraining { get; set; }
    public bool ShowMainJobs { get; set; }
    public bool ShowSpecialistSkills { get; set; }
    public bool ShowPcSkills { get; set; }
    public bool ShowAppealPoints { get; set; }
    public bool ShowDisability { get; set; }
    public bool ShowRemarks { get; set; }

    public bool Shows(ProfileItem item) => typeof(SectionForm).GetProperty(item.SwitchName)?.GetValue(this) is true;
}
