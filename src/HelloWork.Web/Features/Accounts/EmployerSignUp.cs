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
/// invited to (EstablishmentMembership). An address in use gets the same answer; its owner is told by mail (SEC-6).
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
        HttpContext context, [FromForm] Form form, AppDb db, AuthKeyFlow keys, UserManager<AppUser> users, Pages pages, Texts texts, TimeProvider clock,
        AccountMails mails, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(context, texts);
        if (!form.AgreeTerms) errors.Add(nameof(Form.AgreeTerms), "accounts.open.agree-terms-required");
        var email = errors.Email(nameof(Form.Email), form.Email);
        if (errors.Any)
        {
            return pages.Page(context, "accounts/employer-signup", new View(form, errors.Fields), "accounts.employer-signup.title", 422);
        }
        await keys.RequestAsync(AuthKeyPurpose.OpenMyPage, async ct =>
        {
            if (await SignUpAddress.HolderAsync(db, email, now, ct) is { } holder)
            {
                await SignUpAddress.TellHolderAsync(db, mails, holder, now, ct); // in use: same answer, its owner is told
                return null;
            }
            var user = AppUser.CreateUnverifiedEmployer(email, now);
            return (await users.CreateAsync(user)).Succeeded ? user : null;
        }, mails.EmployerVerification, ct);
        return pages.Page(context, "accounts/employer-signup-key", new KeyView(new KeyForm { Email = email }, NoErrors, true, PasswordRules.MinLength, PasswordRules.MaxLength),
            "accounts.employer-signup.key-title");
    }

    public static IResult ShowKey(HttpContext context, Pages pages, string? email) =>
        pages.Page(context, "accounts/employer-signup-key", new KeyView(new KeyForm { Email = email }, NoErrors, false, PasswordRules.MinLength, PasswordRules.MaxLength),
            "accounts.employer-signup.key-title");

    public static async Task<IResult> HandleKey(
        HttpContext context, [FromForm] KeyForm form, AppDb db, AuthKeyFlow keys, SignInManager<AppUser> signIn,
        Pages pages, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FormErrors(context, texts);
        var name = errors.Text(nameof(KeyForm.DisplayName), form.DisplayName, 100);
        var user = await keys.RedeemAsync(AuthKeyPurpose.OpenMyPage, errors, form.Email, form.Key,
            (email, ct) => db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == email.ToUpperInvariant() && u.Kind == UserKind.Employer && u.PasswordHash == null, ct),
            new AuthKeyFlow.NewPassword(form.Password, form.PasswordConfirm), ct);
        if (user is null)
        {
            return pages.Page(context, "accounts/employer-signup-key",
                new KeyView(form with { Password = null, PasswordConfirm = null }, errors.Fields, false, PasswordRules.MinLength, PasswordRules.MaxLength),
                "accounts.employer-signup.key-title", 422);
        }
        user.VerifyEmployer(name, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await signIn.SignInAsync(user, isPersistent: false); // the key proved the address
        return OpenMyPage.Redirect(context, EstablishmentMembership.Path);
    }
}
