using System.Diagnostics;
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

    public sealed record KeyForm
    {
        public string? Email { get; set; }
        public string? Key { get; set; }
        public string? Password { get; set; }
        public string? PasswordConfirm { get; set; }
    }

    public sealed record View(Form Values, IReadOnlyDictionary<string, string> Errors);

    public sealed record KeyView(KeyForm Values, IReadOnlyDictionary<string, string> Errors, bool Mailed, string Action, string Title, int MinLength, int MaxLength);

    private static readonly Dictionary<string, string> NoErrors = [];

    public static IResult Show(HttpContext context, Pages pages) =>
        pages.Page(context, "accounts/open", new View(new Form(), NoErrors), "accounts.open.title");

    public static async Task<IResult> Handle(
        HttpContext context, [FromForm] Form form, AppDb db, Pages pages, Texts texts, TimeProvider clock, AccountMails mails, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(texts);
        if (!form.AgreePrivacy) errors.Add(nameof(Form.AgreePrivacy), "accounts.open.agree-privacy-required");
        if (!form.AgreeTerms) errors.Add(nameof(Form.AgreeTerms), "accounts.open.agree-terms-required");
        var email = errors.Email(nameof(Form.Email), form.Email);
        var birth = RegisterSeeker.ParseBirthDate(errors, nameof(Form.BirthDate), form.BirthDate, now);
        if (errors.Any)
        {
            return pages.Page(context, "accounts/open", new View(form, errors.Fields), "accounts.open.title", 422);
        }

        var normalized = email.ToUpperInvariant();
        var seeker = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized && u.Kind == UserKind.Seeker
            && u.MyPageOpenedAt == null && u.PasswordHash == null && u.RegistrationConfirmedAt != null && u.WithdrawnAt == null && u.BirthDate == birth, ct);
        if (seeker is not null)
        {
            var (key, plain) = AuthKeys.Issue(db, seeker.Id, AuthKeyPurpose.OpenMyPage, now);
            mails.OpenMyPageKey(db, seeker, plain, key.ExpiresAt, now);
            await db.SaveChangesAsync(ct);
            mails.Wake();
        }
        await AuthKeys.PadAsync(started, ct);
        return KeyPage(context, pages, new KeyForm { Email = email }, NoErrors, mailed: true);
    }

    public static IResult ShowKey(HttpContext context, Pages pages, string? email) =>
        KeyPage(context, pages, new KeyForm { Email = email }, NoErrors, mailed: false);

    public static async Task<IResult> HandleKey(
        HttpContext context, [FromForm] KeyForm form, AppDb db, UserManager<AppUser> users, Pages pages, Texts texts,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(texts);
        var email = errors.Email(nameof(KeyForm.Email), form.Email);
        var key = errors.Text(nameof(KeyForm.Key), form.Key, 20);
        var user = errors.Any ? null : await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == email.ToUpperInvariant()
            && u.Kind == UserKind.Seeker && u.MyPageOpenedAt == null && u.PasswordHash == null && u.RegistrationConfirmedAt != null && u.WithdrawnAt == null, ct);
        await CheckNewPasswordAsync(errors, texts, users, user ?? new AppUser { Email = email }, form.Password, form.PasswordConfirm);
        if (!errors.Any && (user is null || !await AuthKeys.TryUseAsync(db, user.Id, AuthKeyPurpose.OpenMyPage, key, now, ct)))
        {
            await db.SaveChangesAsync(ct); // counts the wrong try
            errors.Add(nameof(KeyForm.Key), "accounts.key.wrong");
        }
        if (errors.Any || user is null)
        {
            return KeyPage(context, pages, form with { Password = null, PasswordConfirm = null }, errors.Fields, mailed: false, status: 422);
        }
        user.SetPassword(users.PasswordHasher, form.Password!);
        user.MyPageOpenedAt = now;
        await db.SaveChangesAsync(ct);
        return Redirect(context, "/login?done=opened");
    }

    /// <summary>ACC-3 for a new password, with every reason that applies, before any key is used up.</summary>
    public static async Task CheckNewPasswordAsync(FormErrors errors, Texts texts, UserManager<AppUser> users, AppUser user, string? password, string? confirm,
        string field = nameof(KeyForm.Password), string confirmField = nameof(KeyForm.PasswordConfirm))
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(field, "form.required");
            return;
        }
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            if (!result.Succeeded)
            {
                PasswordRules.AddErrors(errors, texts, result, field, field);
            }
        }
        if (password != confirm)
        {
            errors.Add(confirmField, "accounts.password.confirm-differs");
        }
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

    private static IResult KeyPage(HttpContext context, Pages pages, KeyForm form, IReadOnlyDictionary<string, string> errors, bool mailed, int status = 200) =>
        pages.Page(context, "accounts/key", new KeyView(form, errors, mailed, "/mypage/open/key", "accounts.open.key-title", PasswordRules.MinLength, PasswordRules.MaxLength),
            "accounts.open.key-title", status);
}
