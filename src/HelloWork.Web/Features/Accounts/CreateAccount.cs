using HelloWork.Web.Audit;
using HelloWork.Web.Data;
using HelloWork.Web.Rendering;
using HelloWork.Web.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace HelloWork.Web.Features.Accounts;

/// <summary>Staff create a login for a seeker, an employer or another staff member.</summary>
public static class CreateAccount
{
    public sealed record Form
    {
        public UserKind? Kind { get; set; }
        public string? Email { get; set; }
        public string? DisplayName { get; set; }
        public string? Password { get; set; }
    }

    public sealed record View(Form Values, IReadOnlyDictionary<string, string> Errors, string? Created);

    public static IResult Show(HttpContext context, Pages pages) =>
        pages.Page(context, "staff/accounts/new", new View(new Form { Kind = UserKind.Seeker }, new Dictionary<string, string>(), null), "accounts.create.title");

    public static async Task<IResult> Handle(
        HttpContext context, [FromForm] Form form, AppDb db, UserManager<AppUser> users, Pages pages, Texts texts,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new FormErrors(context, texts);
        var email = errors.Email(nameof(Form.Email), form.Email);
        var name = errors.Text(nameof(Form.DisplayName), form.DisplayName, 100);
        if (form.Kind is null || !Enum.IsDefined(form.Kind.Value))
        {
            errors.Add(nameof(Form.Kind), "form.required");
        }
        if (string.IsNullOrEmpty(form.Password))
        {
            errors.Add(nameof(Form.Password), "form.required");
        }
        if (!errors.Fields.ContainsKey(nameof(Form.Email)) && await users.FindByEmailAsync(email) is not null)
        {
            errors.Add(nameof(Form.Email), "accounts.error.email-taken");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (!errors.Any)
        {
            var user = AppUser.Create(form.Kind!.Value, email, name, now);
            var result = await users.CreateAsync(user, form.Password!);
            if (result.Succeeded)
            {
                db.Audit(CurrentUser.Of(context).Id, "account.create", user.Id, $"{user.Kind} {email}", now);
                await db.SaveChangesAsync(ct);
                var done = new View(new Form { Kind = form.Kind }, new Dictionary<string, string>(), email);
                return pages.Page(context, "staff/accounts/new", done, "accounts.create.title");
            }
            foreach (var error in result.Errors)
            {
                var key = $"accounts.identity.{error.Code}";
                errors.Add(error.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(Form.Password) : nameof(Form.Email),
                    texts.Has(key) ? key : "accounts.identity.Other");
            }
        }
        return pages.Page(context, "staff/accounts/new", new View(form with { Password = "" }, errors.Fields, null), "accounts.create.title", 422);
    }
}
