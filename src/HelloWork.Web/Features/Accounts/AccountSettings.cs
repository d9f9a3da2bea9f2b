using HelloWork.Web.Domain;
using HelloWork.Web.Data;
using HelloWork.Web.Rendering;
using HelloWork.Web.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Accounts;

/// <summary>
/// ACC-5: a signed-in seeker or employer changes the e-mail (ChangeEmail) or the password (mail #2).
/// A change renews the security stamp, which signs every other browser out; this browser stays signed in.
/// </summary>
public static class AccountSettings
{
    public sealed record EmailForm
    {
        public string? NewEmail { get; set; }
        public string? CurrentPassword { get; set; }
    }

    public sealed record PasswordForm
    {
        public string? CurrentPassword { get; set; }
        public string? Password { get; set; }
        public string? PasswordConfirm { get; set; }
    }

    public sealed record View(
        string Email, bool IsSeeker, EmailForm EmailValues, IReadOnlyDictionary<string, string> Errors, string? Done,
        bool CanWithdraw, int MinLength, int MaxLength, bool RegistrationValid, DateTime? RegistrationValidUntil, bool OnlineOnly, string? Error = null);

    private static readonly Dictionary<string, string> NoErrors = [];

    internal static async Task<View> ViewAsync(AppDb db, AppUser user, EmailForm? email, IReadOnlyDictionary<string, string>? errors, string? done, CancellationToken ct,
        DateTime now) =>
        new(user.Email!, user.Kind == UserKind.Seeker, email ?? new EmailForm(), errors ?? NoErrors, done,
            user.Kind == UserKind.Seeker && !await SelfApplicationsCheck.HasActiveSelfApplicationAsync(db, user.Id, ct),
            PasswordRules.MinLength, PasswordRules.MaxLength,
            user.HasValidRegistration(now), user.RegistrationValidUntil, user.IsOnlineOnlyRegistrant);

    public static async Task<IResult> Show(HttpContext context, AppDb db, Pages pages, TimeProvider clock, CancellationToken ct)
    {
        var user = await CurrentUser.Of(context).LoadAsync(db, ct);
        return pages.Page(context, "accounts/settings", await ViewAsync(db, user, null, null, null, ct, clock.GetUtcNow().UtcDateTime), "accounts.settings.title");
    }

    public sealed record RegistrationForm
    {
        public bool Valid { get; set; }
    }

    /// <summary>ACC-8: the seeker switches the registration valid or invalid.</summary>
    public static async Task<IResult> SwitchRegistration(
        HttpContext context, [FromForm] RegistrationForm form, AppDb db, Pages pages, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await CurrentUser.Of(context).LoadAsync(db, ct);
        var refused = new FormErrors(context, texts);
        if (refused.Any)
        {
            return pages.Page(context, "accounts/settings", await ViewAsync(db, user, null, null, null, ct, now) with { Error = refused.Summary },
                "accounts.settings.title", 422);
        }
        try
        {
            user.SwitchRegistration(form.Valid, now);
        }
        catch (DomainException e)
        {
            return pages.Page(context, "accounts/settings", await ViewAsync(db, user, null, null, null, ct, now) with { Error = texts.Get(e.Key) },
                "accounts.settings.title", 422);
        }
        await db.SaveChangesAsync(ct);
        var done = texts.Get(form.Valid ? "accounts.registration.now-valid" : "accounts.registration.now-invalid");
        return pages.Page(context, "accounts/settings", await ViewAsync(db, user, null, null, done, ct, now), "accounts.settings.title");
    }

    public static async Task<IResult> ChangePassword(
        HttpContext context, [FromForm] PasswordForm form, AppDb db, UserManager<AppUser> users, SignInManager<AppUser> signIn,
        Pages pages, Texts texts, TimeProvider clock, AccountMails mails, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await CurrentUser.Of(context).LoadAsync(db, ct);
        var errors = new FormErrors(context, texts);
        if (!await users.CheckPasswordAsync(user, form.CurrentPassword ?? ""))
        {
            errors.Add(nameof(PasswordForm.CurrentPassword), "accounts.password.current-wrong");
        }
        await PasswordRules.CheckNewAsync(errors, texts, users, user, form.Password, form.PasswordConfirm);
        if (errors.Any)
        {
            return pages.Page(context, "accounts/settings", await ViewAsync(db, user, null, errors.Fields, null, ct, now), "accounts.settings.title", 422);
        }
        user.SetPassword(users.PasswordHasher, form.Password!);
        mails.AccountUpdated(db, user, email: false, now);
        await db.SaveChangesAsync(ct);
        await signIn.RefreshSignInAsync(user);
        mails.Wake();
        return pages.Page(context, "accounts/settings", await ViewAsync(db, user, null, null, texts.Get("accounts.settings.password-done"), ct, now), "accounts.settings.title");
    }
}

/// <summary>
/// ACC-6: withdrawal is refused while the seeker has an active self-application (オンライン自主応募).
/// The applications feature does not exist yet on this branch; when it lands, this one method
/// becomes its real query (an application of this seeker that is self-applied and not finished).
/// </summary>
public static class SelfApplicationsCheck
{
    public static Task<bool> HasActiveSelfApplicationAsync(AppDb db, Guid seekerId, CancellationToken ct) => Task.FromResult(false);
}
