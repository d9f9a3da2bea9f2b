using HelloWork.Web.Data;
using HelloWork.Web.Rendering;
using HelloWork.Web.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Accounts;

/// <summary>
/// ACC-1: a seeker registered at the counter opens the MyPage online. Step 1: both consents, the
/// e-mail and the birth date; on a match mail #1 carries an auth key (50 minutes, single use).
/// The answer is the same, and takes about the same time, whether or not anything matched.
/// Step 2: the key and a password (ACC-3).
/// </summary>
public static class OpenMyPage
{
    public sealed record Form
    {
        public bool AgreePrivacy { get; set; }
        public bool AgreeTerms { get; set; }
        public string? Email { get; set; }
        public string? BirthDate { get; set; }
    }

    public sealed record View(Form Values, IReadOnlyDictionary<string, string> Errors);

    private static readonly Dictionary<string, string> NoErrors = [];

    public static IResult Show(HttpContext context, Pages pages) =>
        pages.Page(context, "accounts/open", new View(new Form(), NoErrors), "accounts.open.title");

    public static async Task<IResult> Handle(
        HttpContext context, [FromForm] Form form, AppDb db, AuthKeyFlow keys, Pages pages, Texts texts, TimeProvider clock, AccountMails mails, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(context, texts);
        if (!form.AgreePrivacy) errors.Add(nameof(Form.AgreePrivacy), "accounts.open.agree-privacy-required");
        if (!form.AgreeTerms) errors.Add(nameof(Form.AgreeTerms), "accounts.open.agree-terms-required");
        var email = errors.Email(nameof(Form.Email), form.Email);
        var birth = RegisterSeeker.ParseBirthDate(errors, nameof(Form.BirthDate), form.BirthDate, now);
        if (errors.Any)
        {
            return pages.Page(context, "accounts/open", new View(form, errors.Fields), "accounts.open.title", 422);
        }
        var normalized = email.ToUpperInvariant();
        await keys.RequestAsync(AuthKeyPurpose.OpenMyPage,
            ct => db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized && u.Kind == UserKind.Seeker
                && u.MyPageOpenedAt == null && u.PasswordHash == null && u.RegistrationConfirmedAt != null && u.WithdrawnAt == null && u.BirthDate == birth, ct),
            mails.OpenMyPageKey, ct);
        return ShowKeyPage(context, pages, new KeyPage.Form { Email = email }, mailed: true);
    }

    public static IResult ShowKey(HttpContext context, Pages pages, string? email) =>
        ShowKeyPage(context, pages, new KeyPage.Form { Email = email }, mailed: false);

    public static async Task<IResult> HandleKey(
        HttpContext context, [FromForm] KeyPage.Form form, AppDb db, AuthKeyFlow keys, Pages pages, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FormErrors(context, texts);
        var user = await keys.RedeemAsync(AuthKeyPurpose.OpenMyPage, errors, form.Email, form.Key,
            (email, ct) => db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == email.ToUpperInvariant()
                && u.Kind == UserKind.Seeker && u.MyPageOpenedAt == null && u.PasswordHash == null && u.RegistrationConfirmedAt != null && u.WithdrawnAt == null, ct),
            KeyPage.NewPassword(form), ct);
        if (user is null)
        {
            return ShowKeyPage(context, pages, form, mailed: false, errors.Fields, 422);
        }
        user.OpenMyPage(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return Redirect(context, "/login?done=opened");
    }

    public static IResult Redirect(HttpContext context, string target)
    {
        if (context.Request.WantsFragment())
        {
            context.Response.Htmx(h => h.Redirect(target));
            return Results.NoContent();
        }
        return Results.Redirect(target);
    }

    private static IResult ShowKeyPage(HttpContext context, Pages pages, KeyPage.Form form, bool mailed, IReadOnlyDictionary<string, string>? errors = null, int status = 200) =>
        KeyPage.Show(context, pages, "/mypage/open/key", "accounts.open.key-title", "accounts.key.mailed", form, mailed, errors, status);
}
