using System.Diagnostics;
using HelloWork.Web.Data;
using HelloWork.Web.Rendering;
using HelloWork.Web.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Accounts;

/// <summary>
/// ACC-10: an employer opens a MyPage online: terms, e-mail, a mailed verification key, then a
/// name and a password (ACC-3). The login then creates its establishment or joins one it was
/// invited to (EstablishmentMembership). An address in use gets the same answer and no mail.
/// </summary>
public static class EmployerSignUp
{
    public sealed record Form
    {
        public bool AgreeTerms { get; set; }
        public string? Email { get; set; }
    }

    public sealed record KeyForm
    {
        public string? Email { get; set; }
        public string? Key { get; set; }
        public string? DisplayName { get; set; }
        public string? Password { get; set; }
        public string? PasswordConfirm { get; set; }
    }

    public sealed record View(Form Values, IReadOnlyDictionary<string, string> Errors);

    public sealed record KeyView(KeyForm Values, IReadOnlyDictionary<string, string> Errors, bool Mailed, int MinLength, int MaxLength);

    private static readonly Dictionary<string, string> NoErrors = [];

    public static IResult Show(HttpContext context, Pages pages) =>
        pages.Page(context, "accounts/employer-signup", new View(new Form(), NoErrors), "accounts.employer-signup.title");

    public static async Task<IResult> Handle(
        HttpContext context, [FromForm] Form form, AppDb db, UserManager<AppUser> users, Pages pages, Texts texts, TimeProvider clock,
        AccountMails mails, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(texts);
        if (!form.AgreeTerms) errors.Add(nameof(Form.AgreeTerms), "accounts.open.agree-terms-required");
        var email = errors.Email(nameof(Form.Email), form.Email);
        if (errors.Any)
        {
            return pages.Page(context, "accounts/employer-signup", new View(form, errors.Fields), "accounts.employer-signup.title", 422);
        }
        var user = await AuthKeys.FindByEmailAsync(db, email, ct);
        if (user is null)
        {
            user = AppUser.Create(UserKind.Employer, email, email.Split('@')[0], now);
            user.MyPageOpenedAt = null;
            user.EmailConfirmed = false;
            var created = await users.CreateAsync(user);
            user = created.Succeeded ? user : null;
        }
        else if (user is not { Kind: UserKind.Employer, PasswordHash: null })
        {
            user = null; // in use: same answer, no mail
        }
        if (user is not null)
        {
            var (key, plain) = AuthKeys.Issue(db, user.Id, AuthKeyPurpose.OpenMyPage, now);
            mails.EmployerVerification(db, user, plain, key.ExpiresAt, now);
            await db.SaveChangesAsync(ct);
            mails.Wake();
        }
        await AuthKeys.PadAsync(started, ct);
        return pages.Page(context, "accounts/employer-signup-key", new KeyView(new KeyForm { Email = email }, NoErrors, true, PasswordRules.MinLength, PasswordRules.MaxLength),
            "accounts.employer-signup.key-title");
    }

    public static IResult ShowKey(HttpContext context, Pages pages, string? email) =>
        pages.Page(context, "accounts/employer-signup-key", new KeyView(new KeyForm { Email = email }, NoErrors, false, PasswordRules.MinLength, PasswordRules.MaxLength),
            "accounts.employer-signup.key-title");

    public static async Task<IResult> HandleKey(
        HttpContext context, [FromForm] KeyForm form, AppDb db, UserManager<AppUser> users, SignInManager<AppUser> signIn,
        Pages pages, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(texts);
        var email = errors.Email(nameof(KeyForm.Email), form.Email);
        var key = errors.Text(nameof(KeyForm.Key), form.Key, 20);
        var name = errors.Text(nameof(KeyForm.DisplayName), form.DisplayName, 100);
        var user = errors.Any ? null : await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == email.ToUpperInvariant()
            && u.Kind == UserKind.Employer && u.PasswordHash == null, ct);
        await OpenMyPage.CheckNewPasswordAsync(errors, texts, users, user ?? new AppUser { Email = email }, form.Password, form.PasswordConfirm);
        if (!errors.Any && (user is null || !await AuthKeys.TryUseAsync(db, user.Id, AuthKeyPurpose.OpenMyPage, key, now, ct)))
        {
            await db.SaveChangesAsync(ct);
            errors.Add(nameof(KeyForm.Key), "accounts.key.wrong");
        }
        if (errors.Any || user is null)
        {
            return pages.Page(context, "accounts/employer-signup-key",
                new KeyView(form with { Password = null, PasswordConfirm = null }, errors.Fields, false, PasswordRules.MinLength, PasswordRules.MaxLength),
                "accounts.employer-signup.key-title", 422);
        }
        user.SetPassword(users.PasswordHasher, form.Password!);
        user.DisplayName = name;
        user.EmailConfirmed = true;
        user.MyPageOpenedAt = now;
        await db.SaveChangesAsync(ct);
        await signIn.SignInAsync(user, isPersistent: false); // the key proved the address
        return OpenMyPage.Redirect(context, EstablishmentMembership.Path);
    }
}
