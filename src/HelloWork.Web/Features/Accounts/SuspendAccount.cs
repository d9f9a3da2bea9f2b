using HelloWork.Web.Domain;
using HelloWork.Web.Audit;
using HelloWork.Web.Data;
using HelloWork.Web.Rendering;
using HelloWork.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Accounts;

/// <summary>ACC-12: staff suspend a MyPage (利用不可) with a reason, or lift it; audited (ACC-11). The user is signed out everywhere at once.</summary>
public static class SuspendAccount
{
    public const int ReasonMax = 500;

    public sealed record Form
    {
        public string? Email { get; set; }
        public string? Reason { get; set; }
        public bool Lift { get; set; }
    }

    public sealed record View(Form Values, IReadOnlyDictionary<string, string> Errors, string? Done);

    public static IResult Show(HttpContext context, Pages pages) =>
        pages.Page(context, "staff/accounts/suspend", new View(new Form(), new Dictionary<string, string>(), null), "accounts.suspend.title");

    public static async Task<IResult> Handle(HttpContext context, [FromForm] Form form, AppDb db, Pages pages, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(context, texts);
        var email = errors.Email(nameof(Form.Email), form.Email);
        var reason = errors.Text(nameof(Form.Reason), form.Reason, ReasonMax, required: !form.Lift);
        AppUser? user = null;
        if (!errors.Fields.ContainsKey(nameof(Form.Email)))
        {
            var normalized = email.ToUpperInvariant();
            user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized && u.Kind != UserKind.Staff, ct);
            if (user is null) errors.Add(nameof(Form.Email), "accounts.suspend.no-such-user");
        }
        if (errors.Any || user is null)
        {
            return pages.Page(context, "staff/accounts/suspend", new View(form, errors.Fields, null), "accounts.suspend.title", 422);
        }
        try
        {
            if (form.Lift) user.LiftSuspension(); else user.Suspend(reason, now);
        }
        catch (DomainException e)
        {
            errors.Add(nameof(Form.Email), e.Key);
            return pages.Page(context, "staff/accounts/suspend", new View(form, errors.Fields, null), "accounts.suspend.title", 422);
        }
        db.Audit(CurrentUser.Of(context).Id, form.Lift ? "account.unsuspend" : "account.suspend", user.Id, form.Lift ? email : reason, now);
        await db.SaveChangesAsync(ct);
        var done = texts.Format(form.Lift ? "accounts.suspend.lifted" : "accounts.suspend.done", email);
        return pages.Page(context, "staff/accounts/suspend", new View(new Form(), new Dictionary<string, string>(), done), "accounts.suspend.title");
    }
}
