using HelloWork.Web.Domain;
using HelloWork.Web.Data;
using HelloWork.Web.Rendering;
using HelloWork.Web.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Accounts;

/// <summary>
/// ACC-2, online route, first half: a seeker creates an account online (both consents, e-mail,
/// birth date and school status for ACC-4), gets mail #1 with an auth key, sets a password and
/// goes on to the job-seeker registration form (求職申込み). The MyPage opens only when that is
/// complete. An address already in use gets the same answer; its owner is told by mail (SEC-6).
/// </summary>
public static class SignUp
{
    public sealed record Form
    {
        public bool AgreePrivacy { get; set; }
        public bool AgreeTerms { get; set; }
        public string? Email { get; set; }
        public string? BirthDate { get; set; }
        public SchoolStatus? School { get; set; }
    }

    public sealed record View(Form Values, IReadOnlyDictionary<string, string> Errors);

    private static readonly Dictionary<string, string> NoErrors = [];

    public static IResult Show(HttpContext context, Pages pages) =>
        pages.Page(context, "accounts/signup", new View(new Form { School = SchoolStatus.NotStudent }, NoErrors), "accounts.signup.title");

    public static async Task<IResult> Handle(
        HttpContext context, [FromForm] Form form, AppDb db, AuthKeyFlow keys, UserManager<AppUser> users, Pages pages, Texts texts, TimeProvider clock,
        AccountMails mails, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(context, texts);
        if (!form.AgreePrivacy) errors.Add(nameof(Form.AgreePrivacy), "accounts.open.agree-privacy-required");
        if (!form.AgreeTerms) errors.Add(nameof(Form.AgreeTerms), "accounts.open.agree-terms-required");
        var email = errors.Email(nameof(Form.Email), form.Email);
        var birth = RegisterSeeker.ParseBirthDate(errors, nameof(Form.BirthDate), form.BirthDate, now);
        if (form.School is null || !Enum.IsDefined(form.School.Value)) errors.Add(nameof(Form.School), "form.required");
        if (birth is { } b && form.School is { } school && Enum.IsDefined(school))
        {
            try
            {
                AppUser.CheckMayOpenMyPage(b, school, now);
            }
            catch (DomainException e)
            {
                errors.Add(nameof(Form.BirthDate), e.Key);
            }
        }
        if (errors.Any)
        {
            return pages.Page(context, "accounts/signup", new View(form, errors.Fields), "accounts.signup.title", 422);
        }

        await keys.RequestAsync(AuthKeyPurpose.OpenMyPage, async ct =>
        {
            if (await SignUpAddress.HolderAsync(db, email, now, ct) is { } holder)
            {
                await SignUpAddress.TellHolderAsync(db, mails, holder, now, ct);
                return null;
            }
            var user = AppUser.CreateOnlineSeeker(email, birth!.Value, form.School!.Value, now);
            var created = await users.CreateAsync(user);
            if (created.Succeeded) return user;
            PasswordRules.AddErrors(errors, texts, created, nameof(Form.Email));
            return null;
        }, mails.SignUpKey, ct);
        if (errors.Any)
        {
            return pages.Page(context, "accounts/signup", new View(form, errors.Fields), "accounts.signup.title", 422);
        }
        return ShowKeyPage(context, pages, new KeyPage.Form { Email = email }, mailed: true);
    }

    public static IResult ShowKey(HttpContext context, Pages pages, string? email) =>
        ShowKeyPage(context, pages, new KeyPage.Form { Email = email }, mailed: false);

    public static async Task<IResult> HandleKey(
        HttpContext context, [FromForm] KeyPage.Form form, AppDb db, AuthKeyFlow keys, SignInManager<AppUser> signIn,
        Pages pages, Texts texts, CancellationToken ct)
    {
        var errors = new FormErrors(context, texts);
        var user = await keys.RedeemAsync(AuthKeyPurpose.OpenMyPage, errors, form.Email, form.Key,
            (email, ct) => db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == email.ToUpperInvariant()
                && u.Kind == UserKind.Seeker && u.PasswordHash == null && u.MyPageOpenedAt == null && u.RegistrationConfirmedAt == null, ct),
            KeyPage.NewPassword(form), ct);
        if (user is null)
        {
            return ShowKeyPage(context, pages, form, mailed: false, errors.Fields, 422);
        }
        await db.SaveChangesAsync(ct);
        // The key just proved the address, so this is the sign-in (no second code).
        await signIn.SignInAsync(user, isPersistent: false);
        return OpenMyPage.Redirect(context, FileRegistration.Path);
    }

    private static IResult ShowKeyPage(HttpContext context, Pages pages, KeyPage.Form form, bool mailed, IReadOnlyDictionary<string, string>? errors = null, int status = 200) =>
        KeyPage.Show(context, pages, "/signup/key", "accounts.signup.key-title", "accounts.signup.mailed", form, mailed, errors, status);
}
