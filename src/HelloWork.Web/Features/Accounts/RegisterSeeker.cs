using HelloWork.Web.Domain;
using System.Globalization;
using HelloWork.Web.Audit;
using HelloWork.Web.Data;
using HelloWork.Web.Rendering;
using HelloWork.Web.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace HelloWork.Web.Features.Accounts;

/// <summary>
/// ACC-1, counter route: staff register a seeker (求職登録) with the e-mail that will be the login.
/// No password yet: the seeker opens the MyPage online with that e-mail and their birth date.
/// ACC-4 is checked here, with a clear message.
/// </summary>
public static class RegisterSeeker
{
    public sealed record Form
    {
        public string? DisplayName { get; set; }
        public string? Email { get; set; }
        public string? BirthDate { get; set; }
        public SchoolStatus? School { get; set; }
    }

    public sealed record View(Form Values, IReadOnlyDictionary<string, string> Errors, string? Registered);

    public static IResult Show(HttpContext context, Pages pages) =>
        pages.Page(context, "staff/seekers/new", new View(new Form { School = SchoolStatus.NotStudent }, new Dictionary<string, string>(), null), "accounts.register-seeker.title");

    /// <summary>A date typed as yyyy-mm-dd (what a date input sends), or null with the reason added.</summary>
    public static DateOnly? ParseBirthDate(FormErrors errors, string field, string? value, DateTime now)
    {
        var v = (value ?? "").Trim();
        if (v.Length == 0)
        {
            errors.Add(field, "form.required");
            return null;
        }
        if (v.Length > 10 || !DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date.Year < 1900)
        {
            errors.Add(field, "form.date-invalid");
            return null;
        }
        if (date > DateOnly.FromDateTime(JapanTime.ToJst(now).DateTime))
        {
            errors.Add(field, "accounts.error.birth-date-future");
            return null;
        }
        return date;
    }

    public static async Task<IResult> Handle(
        HttpContext context, [FromForm] Form form, AppDb db, UserManager<AppUser> users, Pages pages, Texts texts,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FormErrors(context, texts);
        var name = errors.Text(nameof(Form.DisplayName), form.DisplayName, 100);
        var email = errors.Email(nameof(Form.Email), form.Email);
        var birth = ParseBirthDate(errors, nameof(Form.BirthDate), form.BirthDate, now);
        if (form.School is null || !Enum.IsDefined(form.School.Value))
        {
            errors.Add(nameof(Form.School), "form.required");
        }
        if (!errors.Fields.ContainsKey(nameof(Form.Email)) && await users.FindByEmailAsync(email) is not null)
        {
            errors.Add(nameof(Form.Email), "accounts.error.email-taken");
        }
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
        if (!errors.Any)
        {
            var user = AppUser.CreateCounterSeeker(email, name, birth!.Value, form.School!.Value, now);
            var result = await users.CreateAsync(user);
            if (result.Succeeded)
            {
                db.Audit(CurrentUser.Of(context).Id, "seeker.register", user.Id, email, now);
                await db.SaveChangesAsync(ct);
                return pages.Page(context, "staff/seekers/new",
                    new View(new Form { School = SchoolStatus.NotStudent }, new Dictionary<string, string>(), email), "accounts.register-seeker.title");
            }
            PasswordRules.AddErrors(errors, texts, result, nameof(Form.Email));
        }
        return pages.Page(context, "staff/seekers/new", new View(form, errors.Fields, null), "accounts.register-seeker.title", 422);
    }
}
