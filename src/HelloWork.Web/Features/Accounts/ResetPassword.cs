using System.Diagnostics;
using HelloWork.Web.Data;
using HelloWork.Web.Rendering;
using HelloWork.Web.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace HelloWork.Web.Features.Accounts;

/// <summary>
/// ACC-5: password reset by auth key (mail #4, 50 minutes, single use). The answer to step 1 is
/// the same for any address. A reset ends a lockout (ACC-3), signs out every browser and sends mail #2.
/// </summary>
public static class ResetPassword
{
    public sealed record Form
    {
        public string? Email { get; set; }
    }

    public sealed record View(Form Values, IReadOnlyDictionary<string, string> Errors);

    private static readonly Dictionary<string, string> NoErrors = [];

    public static IResult Show(HttpContext context, Pages pages) =>
        pages.Page(context, "accounts/reset", new View(new Form(), NoErrors), "accounts.reset.title");

    public static async Task<IResult> Handle(
        HttpContext context, [FromForm] Form form, AppDb db, Pages pages, Texts texts, TimeProvider clock, AccountMails mails, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(texts);
        var email = errors.Email(nameof(Form.Email), form.Email);
        if (errors.Any)
        {
            return pages.Page(context, "accounts/reset", new View(form, errors.Fields), "accounts.reset.title", 422);
        }
        var user = await AuthKeys.FindByEmailAsync(db, email, ct);
        if (user is { CanSignIn: true })
        {
            var (key, plain) = AuthKeys.Issue(db, user.Id, AuthKeyPurpose.ResetPassword, now);
            mails.PasswordResetKey(db, user, plain, key.ExpiresAt, now);
            await db.SaveChangesAsync(ct);
            mails.Wake();
        }
        await AuthKeys.PadAsync(started, ct);
        return KeyPage(context, pages, new OpenMyPage.KeyForm { Email = email }, NoErrors, mailed: true);
    }

    public static IResult ShowKey(HttpContext context, Pages pages, string? email) =>
        KeyPage(context, pages, new OpenMyPage.KeyForm { Email = email }, NoErrors, mailed: false);

    public static async Task<IResult> HandleKey(
        HttpContext context, [FromForm] OpenMyPage.KeyForm form, AppDb db, UserManager<AppUser> users, Pages pages, Texts texts,
        TimeProvider clock, AccountMails mails, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(texts);
        var email = errors.Email(nameof(form.Email), form.Email);
        var key = errors.Text(nameof(form.Key), form.Key, 20);
        var user = errors.Any ? null : await AuthKeys.FindByEmailAsync(db, email, ct);
        if (user is not { CanSignIn: true })
        {
            user = null;
        }
        await OpenMyPage.CheckNewPasswordAsync(errors, texts, users, user ?? new AppUser { Email = email }, form.Password, form.PasswordConfirm);
        if (!errors.Any && (user is null || !await AuthKeys.TryUseAsync(db, user.Id, AuthKeyPurpose.ResetPassword, key, now, ct)))
        {
            await db.SaveChangesAsync(ct);
            errors.Add(nameof(form.Key), "accounts.key.wrong");
        }
        if (errors.Any || user is null)
        {
            return KeyPage(context, pages, form with { Password = null, PasswordConfirm = null }, errors.Fields, mailed: false, status: 422);
        }
        user.SetPassword(users.PasswordHasher, form.Password!);
        user.RecordSuccessfulSignIn(); // a reset ends any lock
        mails.AccountUpdated(db, user, email: false, now);
        await db.SaveChangesAsync(ct);
        mails.Wake();
        return OpenMyPage.Redirect(context, "/login?done=reset");
    }

    private static IResult KeyPage(HttpContext context, Pages pages, OpenMyPage.KeyForm form, IReadOnlyDictionary<string, string> errors, bool mailed, int status = 200) =>
        pages.Page(context, "accounts/key", new OpenMyPage.KeyView(form, errors, mailed, "/password/reset/key", "accounts.reset.key-title",
            PasswordRules.MinLength, PasswordRules.MaxLength), "accounts.reset.key-title", status);
}
