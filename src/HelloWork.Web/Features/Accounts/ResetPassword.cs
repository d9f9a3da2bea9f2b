using HelloWork.Web.Data;
using HelloWork.Web.Rendering;
using HelloWork.Web.Http;
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
        HttpContext context, [FromForm] Form form, AppDb db, AuthKeyFlow keys, Pages pages, Texts texts, AccountMails mails, CancellationToken ct)
    {
        var errors = new FormErrors(context, texts);
        var email = errors.Email(nameof(Form.Email), form.Email);
        if (errors.Any)
        {
            return pages.Page(context, "accounts/reset", new View(form, errors.Fields), "accounts.reset.title", 422);
        }
        await keys.RequestAsync(AuthKeyPurpose.ResetPassword, async ct => await CanResetAsync(db, email, ct), mails.PasswordResetKey, ct);
        return ShowKeyPage(context, pages, new KeyPage.Form { Email = email }, mailed: true);
    }

    public static IResult ShowKey(HttpContext context, Pages pages, string? email) =>
        ShowKeyPage(context, pages, new KeyPage.Form { Email = email }, mailed: false);

    public static async Task<IResult> HandleKey(
        HttpContext context, [FromForm] KeyPage.Form form, AppDb db, AuthKeyFlow keys, Pages pages, Texts texts,
        TimeProvider clock, AccountMails mails, CancellationToken ct)
    {
        var errors = new FormErrors(context, texts);
        var user = await keys.RedeemAsync(AuthKeyPurpose.ResetPassword, errors, form.Email, form.Key,
            (email, ct) => CanResetAsync(db, email, ct), KeyPage.NewPassword(form), ct);
        if (user is null)
        {
            return ShowKeyPage(context, pages, form, mailed: false, errors.Fields, 422);
        }
        user.EndLockout(); // a reset ends any lock, of passwords and of sign-in codes (ACC-3, SEC-5)
        mails.AccountUpdated(db, user, email: false, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        mails.Wake();
        return OpenMyPage.Redirect(context, "/login?done=reset");
    }

    /// <summary>Only a login that can sign in may reset its password.</summary>
    private static async Task<AppUser?> CanResetAsync(AppDb db, string email, CancellationToken ct) =>
        await AuthKeyFlow.FindByEmailAsync(db, email, ct) is { CanSignIn: true } user ? user : null;

    private static IResult ShowKeyPage(HttpContext context, Pages pages, KeyPage.Form form, bool mailed, IReadOnlyDictionary<string, string>? errors = null, int status = 200) =>
        KeyPage.Show(context, pages, "/password/reset/key", "accounts.reset.key-title", "accounts.reset.mailed", form, mailed, errors, status);
}
