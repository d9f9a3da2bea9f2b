using HelloWork.Web.Data;
using HelloWork.Web.Rendering;
using HelloWork.Web.Http;
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
        HttpContext context, [FromForm] Form form, AppDb db, AuthKeyFlow keys, PasswordCheck passwords, Pages pages, Texts texts,
        TimeProvider clock, AccountMails mails, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(context, texts);
        var email = errors.Email(nameof(Form.Email), form.Email);
        if (string.IsNullOrEmpty(form.Password)) errors.Add(nameof(Form.Password), "form.required");
        if (errors.Any)
        {
            return pages.Page(context, "accounts/reregister", new View(form with { Password = null }, errors.Fields), "accounts.reregister.title", 422);
        }
        await keys.RequestAsync(AuthKeyPurpose.Reregister, async ct =>
        {
            // One password check whether or not the address is a withdrawn login (SEC-6).
            var user = await AuthKeyFlow.FindByEmailAsync(db, email, ct);
            return passwords.Verify(user is not null && user.CanReregister(now) ? user : null, form.Password) ? user : null;
        }, mails.ReregistrationKey, ct);
        return pages.Page(context, "accounts/reregister-key", new KeyView(new KeyForm { Email = email }, NoErrors, true), "accounts.reregister.key-title");
    }

    public static IResult ShowKey(HttpContext context, Pages pages, string? email) =>
        pages.Page(context, "accounts/reregister-key", new KeyView(new KeyForm { Email = email }, NoErrors, false), "accounts.reregister.key-title");

    public static async Task<IResult> HandleKey(
        HttpContext context, [FromForm] KeyForm form, AppDb db, AuthKeyFlow keys, Pages pages, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(context, texts);
        var user = await keys.RedeemAsync(AuthKeyPurpose.Reregister, errors, form.Email, form.Key,
            async (email, ct) => await AuthKeyFlow.FindByEmailAsync(db, email, ct) is { } found && found.CanReregister(now) ? found : null,
            password: null, ct);
        if (user is null)
        {
            return pages.Page(context, "accounts/reregister-key", new KeyView(form, errors.Fields, false), "accounts.reregister.key-title", 422);
        }
        user.Reregister(now);
        await db.SaveChangesAsync(ct);
        return OpenMyPage.Redirect(context, "/login?done=reregistered");
    }
}
