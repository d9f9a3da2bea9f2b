using HelloWork.Web.Audit;
using HelloWork.Web.Data;
using HelloWork.Web.Rendering;
using HelloWork.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Accounts;

/// <summary>ACC-2: after consulting with them, staff check an online registration: the online-only registrant becomes a full user (audited, ACC-11).</summary>
public static class ConfirmRegistration
{
    public sealed record Form
    {
        public string? Email { get; set; }
    }

    public sealed record View(Form Values, IReadOnlyDictionary<string, string> Errors, string? Done);

    public static IResult Show(HttpContext context, Pages pages) =>
        pages.Page(context, "staff/seekers/confirm", new View(new Form(), new Dictionary<string, string>(), null), "accounts.confirm.title");

    public static async Task<IResult> Handle(HttpContext context, [FromForm] Form form, AppDb db, Pages pages, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(context, texts);
        var email = errors.Email(nameof(Form.Email), form.Email);
        AppUser? seeker = null;
        if (!errors.Any)
        {
            var normalized = email.ToUpperInvariant();
            seeker = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized && u.Kind == UserKind.Seeker
                && u.MyPageOpenedAt != null && u.RegistrationConfirmedAt == null, ct);
            if (seeker is null) errors.Add(nameof(Form.Email), "accounts.confirm.no-such-registrant");
        }
        if (errors.Any || seeker is null)
        {
            return pages.Page(context, "staff/seekers/confirm", new View(form, errors.Fields, null), "accounts.confirm.title", 422);
        }
        seeker.ConfirmRegistration(now);
        seeker.ExtendRegistrationForActivity(now); // the consultation counts as activity (ACC-8)
        db.Audit(CurrentUser.Of(context).Id, "seeker.confirm-registration", seeker.Id, email, now);
        await db.SaveChangesAsync(ct);
        return pages.Page(context, "staff/seekers/confirm", new View(new Form(), new Dictionary<string, string>(), texts.Format("accounts.confirm.done", email)), "accounts.confirm.title");
    }
}
