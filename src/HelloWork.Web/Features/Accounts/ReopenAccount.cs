using HelloWork.Web.Domain;
using HelloWork.Web.Audit;
using HelloWork.Web.Data;
using HelloWork.Web.Rendering;
using HelloWork.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Accounts;

/// <summary>ACC-7: staff reopen a withdrawn seeker's account from the kept registration (audited); the seeker then opens the MyPage as in ACC-1.</summary>
public static class ReopenAccount
{
    public sealed record Form
    {
        public string? Email { get; set; }
    }

    public sealed record View(Form Values, IReadOnlyDictionary<string, string> Errors, string? Done);

    public static IResult Show(HttpContext context, Pages pages) =>
        pages.Page(context, "staff/seekers/reopen", new View(new Form(), new Dictionary<string, string>(), null), "accounts.reopen.title");

    public static async Task<IResult> Handle(HttpContext context, [FromForm] Form form, AppDb db, Pages pages, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(context, texts);
        var email = errors.Email(nameof(Form.Email), form.Email);
        AppUser? seeker = null;
        if (!errors.Any)
        {
            var normalized = email.ToUpperInvariant();
            seeker = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized && u.Kind == UserKind.Seeker, ct);
            try
            {
                if (seeker is null) throw new DomainException("accounts.reopen.not-withdrawn");
                seeker.ReopenByStaff(now);
            }
            catch (DomainException e)
            {
                errors.Add(nameof(Form.Email), e.Key);
            }
        }
        if (errors.Any || seeker is null)
        {
            return pages.Page(context, "staff/seekers/reopen", new View(form, errors.Fields, null), "accounts.reopen.title", 422);
        }
        db.Audit(CurrentUser.Of(context).Id, "seeker.reopen", seeker.Id, email, now);
        await db.SaveChangesAsync(ct);
        return pages.Page(context, "staff/seekers/reopen", new View(new Form(), new Dictionary<string, string>(), texts.Format("accounts.reopen.done", email)), "accounts.reopen.title");
    }
}
