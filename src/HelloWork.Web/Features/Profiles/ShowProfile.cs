using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Http;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Profiles;

/// <summary>
/// The seeker's own profile page (PRO-1): its publication (PRO-2), what staff added (PRO-3) and
/// every section, read, or one of them as its form. Viewing is always possible; while the seeker
/// may not change it (ACC-9) the page says why and offers no form.
/// </summary>
public static class ShowProfile
{
    public const string Path = "/mypage/profile";
    public const int NotesShown = 100;

    public sealed record NoteRow(long Id, string Body, DateTime AddedAt);

    public sealed record NotesView(IReadOnlyList<NoteRow> Rows, bool Any);

    /// <param name="CanPublish">The seeker may change the profile now (ACC-9); a published profile is then also hidden from employers.</param>
    public sealed record PublicationView(bool Published, DateTime? PublishedAt, bool CanPublish, string? Done, string? Error)
    {
        public bool HiddenFromEmployers => Published && !CanPublish;
    }

    public sealed record View(string? Refusal, PublicationView Publication, NotesView Notes, IReadOnlyList<SectionView> Sections);

    /// <summary>What the page shows besides what is stored: a section as its form, a section or the publication just saved, a refusal.</summary>
    public sealed record Focus(string? Editing = null, SectionState? Section = null, string? Saved = null, string? PublicationError = null);

    public static Task<IResult> Page(HttpContext context, AppDb db, Pages pages, Texts texts, TimeProvider clock, string? saved, CancellationToken ct) =>
        RenderAsync(context, db, pages, texts, clock, new Focus(Saved: saved), 200, ct);

    public static async Task<IResult> RenderAsync(HttpContext context, AppDb db, Pages pages, Texts texts, TimeProvider clock, Focus focus, int status, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var seeker = await CurrentUser.Of(context).ReadAsync(db, ct);
        var loaded = await ProfileStore.LoadAsync(db, seeker.Id, ct);
        var notes = await NotesAsync(db, seeker.Id, ct);
        var refusal = SeekerProfile.EditRefusal(seeker, now);
        var sections = ProfileFields.Sections.Select(section => ProfileViews.Section(texts, section, loaded.Document, seeker,
            // A refused save shows its form again with what was typed, even when the refusal is that nothing may change now.
            editing: section.Slug == focus.Editing && (refusal is null || focus.Section is not null), canEdit: refusal is null,
            state: section.Slug == focus.Editing ? focus.Section : new SectionState(Saved: section.Slug == focus.Saved))).ToList();
        var publication = Publication(texts, loaded.Profile, refusal is null, focus.Saved == PublishProfile.Slug, focus.PublicationError);
        return pages.Page(context, "profiles/index", new View(refusal is null ? null : texts.Get(refusal), publication, notes, sections), "profiles.title", status);
    }

    public static PublicationView Publication(Texts texts, SeekerProfile? profile, bool canPublish, bool saved, string? error)
    {
        var published = profile?.IsPublished == true;
        var done = saved ? texts.Get(published ? "profiles.publication.now-published" : "profiles.publication.now-private") : null;
        return new PublicationView(published, profile?.PublishedAt, canPublish, done, error);
    }

    /// <summary>PRO-3: what staff added, newest first; refetched by the page when staff add one (ProfileNoteAdded).</summary>
    public static async Task<NotesView> NotesAsync(AppDb db, Guid seekerId, CancellationToken ct)
    {
        var rows = await db.Set<ProfileNote>().Where(n => n.SeekerId == seekerId)
            .OrderByDescending(n => n.Id).Take(NotesShown)
            .Select(n => new NoteRow(n.Id, n.Body, n.AddedAt))
            .ToListAsync(ct);
        return new NotesView(rows, rows.Count > 0);
    }

    public static async Task<IResult> Notes(HttpContext context, AppDb db, Pages pages, CancellationToken ct) =>
        pages.Fragment(context, "profiles/_note-items", await NotesAsync(db, context.User.Id(), ct));

    public sealed record BoxView(bool Published, DateTime? PublishedAt);

    /// <summary>The box on the seeker's home: whether the profile is published.</summary>
    public static async Task<BoxView> BoxAsync(AppDb db, Guid seekerId, CancellationToken ct) =>
        await db.Set<SeekerProfile>().Where(p => p.UserId == seekerId).Select(p => new BoxView(p.IsPublished, p.PublishedAt)).SingleOrDefaultAsync(ct)
        ?? new BoxView(false, null);
}
