using HelloWork.Web.Domain;
using System.Diagnostics;
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
/// complete. An address already in use gets the same answer and no mail.
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
        HttpContext context, [FromForm] Form form, AppDb db, UserManager<AppUser> users, Pages pages, Texts texts, TimeProvider clock,
        AccountMails mails, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(texts);
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

        var existing = await AuthKeys.FindByEmailAsync(db, email, ct);
        if (existing is not null && existing.ReleaseAddressForNewRegistration(now))
        {
            await db.SaveChangesAsync(ct); // withdrawn more than 30 days ago: this sign-up starts a new account
            existing = null;
        }
        AppUser? user = existing is null ? NewOnlineSeeker(email, birth!.Value, form.School!.Value, now) : null;
        if (existing is { Kind: UserKind.Seeker, PasswordHash: null, MyPageOpenedAt: null, RegistrationConfirmedAt: null } again && again.BirthDate == birth)
        {
            user = again; // signing up again before setting a password: a new key
        }
        if (user is not null)
        {
            if (existing is null)
            {
                var created = await users.CreateAsync(user);
                if (!created.Succeeded)
                {
                    PasswordRules.AddErrors(errors, texts, created, nameof(Form.Email));
                    return pages.Page(context, "accounts/signup", new View(form, errors.Fields), "accounts.signup.title", 422);
                }
            }
            var (key, plain) = AuthKeys.Issue(db, user.Id, AuthKeyPurpose.OpenMyPage, now);
            mails.OpenMyPageKey(db, user, plain, key.ExpiresAt, now);
            await db.SaveChangesAsync(ct);
            mails.Wake();
        }
        await AuthKeys.PadAsync(started, ct);
        return KeyPage(context, pages, new OpenMyPage.KeyForm { Email = email }, NoErrors, mailed: true);
    }

    private static AppUser NewOnlineSeeker(string email, DateOnly birth, SchoolStatus school, DateTime now)
    {
        var user = AppUser.Create(UserKind.Seeker, email, email.Split('@')[0], now);
        user.MyPageOpenedAt = null;           // opens when the registration is complete (mail #5)
        user.RegistrationConfirmedAt = null;  // online-only registrant until staff check
        user.RegistrationValidUntil = null;   // nothing filed yet
        user.BirthDate = birth;
        user.School = school;
        return user;
    }

    public static IResult ShowKey(HttpContext context, Pages pages, string? email) =>
        KeyPage(context, pages, new OpenMyPage.KeyForm { Email = email }, NoErrors, mailed: false);

    public static async Task<IResult> HandleKey(
        HttpContext context, [FromForm] OpenMyPage.KeyForm form, AppDb db, UserManager<AppUser> users, SignInManager<AppUser> signIn,
        Pages pages, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(texts);
        var email = errors.Email(nameof(form.Email), form.Email);
        var key = errors.Text(nameof(form.Key), form.Key, 20);
        var user = errors.Any ? null : await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == email.ToUpperInvariant()
            && u.Kind == UserKind.Seeker && u.PasswordHash == null && u.MyPageOpenedAt == null && u.RegistrationConfirmedAt == null, ct);
        await OpenMyPage.CheckNewPasswordAsync(errors, texts, users, user ?? new AppUser { Email = email }, form.Password, form.PasswordConfirm);
        if (!errors.Any && (user is null || !await AuthKeys.TryUseAsync(db, user.Id, AuthKeyPurpose.OpenMyPage, key, now, ct)))
        {
            await db.SaveChangesAsync(ct);
            errors.Add(nameof(form.Key), "accounts.key.wrong");
        }
        if (errors.Any || user is null)
        {
            return KeyPage(context, pages, form with { Password = null, PasswordConfirm = null }, errors.Fields, mailed: false, status: 422);
        }
        user.SetPassword(users.PasswordHasher, form.Password!);
        await db.SaveChangesAsync(ct);
        // The key just proved the address, so this is the sign-in (no second code).
        await signIn.SignInAsync(user, isPersistent: false);
        return OpenMyPage.Redirect(context, FileRegistration.Path);
    }

    private static IResult KeyPage(HttpContext context, Pages pages, OpenMyPage.KeyForm form, IReadOnlyDictionary<string, string> errors, bool mailed, int status = 200) =>
        pages.Page(context, "accounts/key", new OpenMyPage.KeyView(form, errors, mailed, "/signup/key", "accounts.signup.key-title",
            PasswordRules.MinLength, PasswordRules.MaxLength), "accounts.signup.key-title", status);
}
