using System.Diagnostics;
using HelloWork.Web.Data;
using HelloWork.Web.Rendering;
using HelloWork.Web.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace HelloWork.Web.Features.Accounts;

/// <summary>
/// ACC-7: within 30 days of withdrawing, the old e-mail and password restore the account after
/// the auth key of mail #3. The first answer is the same whatever was typed.
/// </summary>
public static class Reregister
{
    public sealed record Form
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
    }

    public sealed record KeyForm
    {
        public string? Email { get; set; }
        public string? Key { get; set; }
    }

    public sealed record View(Form Values, IReadOnlyDictionary<string, string> Errors);

    public sealed record KeyView(KeyForm Values, IReadOnlyDictionary<string, string> Errors, bool Mailed);

    private static readonly Dictionary<string, string> NoErrors = [];

    public static IResult Show(HttpContext context, Pages pages) =>
        pages.Page(context, "accounts/reregister", new View(new Form(), NoErrors), "accounts.reregister.title");

    public static async Task<IResult> Handle(
        HttpContext context, [FromForm] Form form, AppDb db, UserManager<AppUser> users, Pages pages, Texts texts,
        TimeProvider clock, AccountMails mails, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(texts);
        var email = errors.Email(nameof(Form.Email), form.Email);
        if (string.IsNullOrEmpty(form.Password)) errors.Add(nameof(Form.Password), "form.required");
        if (errors.Any)
        {
            return pages.Page(context, "accounts/reregister", new View(form with { Password = null }, errors.Fields), "accounts.reregister.title", 422);
        }
        var user = await AuthKeys.FindByEmailAsync(db, email, ct);
        if (user is not null && user.CanReregister(now) && users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash ?? "", form.Password!) != PasswordVerificationResult.Failed)
        {
            var (key, plain) = AuthKeys.Issue(db, user.Id, AuthKeyPurpose.Reregister, now);
            mails.ReregistrationKey(db, user, plain, key.ExpiresAt, now);
            await db.SaveChangesAsync(ct);
            mails.Wake();
        }
        else
        {
            users.PasswordHasher.HashPassword(new AppUser(), form.Password!);
        }
        await AuthKeys.PadAsync(started, ct);
        return pages.Page(context, "accounts/reregister-key", new KeyView(new KeyForm { Email = email }, NoErrors, true), "accounts.reregister.key-title");
    }

    public static IResult ShowKey(HttpContext context, Pages pages, string? email) =>
        pages.Page(context, "accounts/reregister-key", new KeyView(new KeyForm { Email = email }, NoErrors, false), "accounts.reregister.key-title");

    public static async Task<IResult> HandleKey(
        HttpContext context, [FromForm] KeyForm form, AppDb db, Pages pages, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(texts);
        var email = errors.Email(nameof(KeyForm.Email), form.Email);
        var key = errors.Text(nameof(KeyForm.Key), form.Key, 20);
        var user = errors.Any ? null : await AuthKeys.FindByEmailAsync(db, email, ct);
        if (!errors.Any && (user is null || !user.CanReregister(now) || !await AuthKeys.TryUseAsync(db, user.Id, AuthKeyPurpose.Reregister, key, now, ct)))
        {
            await db.SaveChangesAsync(ct);
            errors.Add(nameof(KeyForm.Key), "accounts.key.wrong");
        }
        if (errors.Any || user is null)
        {
            return pages.Page(context, "accounts/reregister-key", new KeyView(form, errors.Fields, false), "accounts.reregister.key-title", 422);
        }
        user.Reregister(now);
        await db.SaveChangesAsync(ct);
        return OpenMyPage.Redirect(context, "/login?done=reregistered");
    }
}
