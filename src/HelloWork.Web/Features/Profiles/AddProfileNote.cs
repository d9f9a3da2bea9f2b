using HelloWork.Web.Audit;
using HelloWork.Web.Data;
using HelloWork.Web.Domain;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Http;
using HelloWork.Web.Live;
using HelloWork.Web.Rendering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Profiles;

/// <summary>
/// PRO-3: staff add information to a seeker's registration (追記), finding the seeker by e-mail.
/// Recorded in the audit trail (ACC-11); the seeker's open profile page shows it at once.
/// </summary>
public static class AddProfileNote
{
    public const string Path = "/staff/seekers/notes";

    public sealed record Form
    {
        public string? Email { get; set; }
        public string? Body { get; set; }
    }

    public sealed record View(Form Values, IReadOnlyDictionary<string, string> Errors, string? Done, int BodyMax);

    private static View Empty(string? done = null, string? to = null) =>
        new(new Form { Email = to }, new Dictionary<string, string>(), done, ProfileNote.BodyMax);

    public static IResult Show(HttpContext context, Pages pages, string? to) =>
        pages.Page(context, "staff/seekers/note", Empty(to: to), "profiles.note.title");

    public static async Task<IResult> Handle(HttpContext context, [FromForm] Form form, AppDb db, Pages pages, Texts texts, TimeProvider clock,
        LiveNotifier live, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(context, texts);
        var email = errors.Email(nameof(Form.Email), form.Email);
        var body = errors.Text(nameof(Form.Body), form.Body?.ReplaceLineEndings("\n"), ProfileNote.BodyMax);
        AppUser? seeker = null;
        if (!errors.Fields.ContainsKey(nameof(Form.Email)))
        {
            var normalized = email.ToUpperInvariant();
            seeker = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized && u.Kind == UserKind.Seeker, ct);
            if (seeker is null) errors.Add(nameof(Form.Email), "profiles.note.no-such-seeker");
        }
        ProfileNote? note = null;
        if (!errors.Any && seeker is not null)
        {
            try
            {
                var staff = await CurrentUser.Of(context).LoadAsync(db, ct);
                note = ProfileNote.Add(staff, seeker, body, now);
            }
            catch (DomainException refusal)
            {
                errors.Add(FormGuard.WholeForm, refusal.Key, refusal.Args);
            }
        }
        if (note is null || seeker is null)
        {
            return pages.Page(context, "staff/seekers/note", new View(form, errors.Fields, null, ProfileNote.BodyMax), "profiles.note.title", 422);
        }
        db.Set<ProfileNote>().Add(note);
        db.Audit(note.StaffId, "profile.add-note", seeker.Id, body, now);
        await db.SaveChangesAsync(ct);
        await live.PushAsync(c => c.ProfileNoteAdded(note.Id), seeker.Id);
        return pages.Page(context, "staff/seekers/note", Empty(texts.Format("profiles.note.done", email)), "profiles.note.title");
    }
}
