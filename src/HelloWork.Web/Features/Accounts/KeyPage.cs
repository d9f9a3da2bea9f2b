using HelloWork.Web.Rendering;

namespace HelloWork.Web.Features.Accounts;

/// <summary>
/// The "enter the mailed key and a new password" page (template accounts/key) that opening the
/// MyPage, signing up and resetting the password share; each passes its own action, title and
/// "we mailed a key" text (a first-time user is not told "if it matched the registration").
/// </summary>
public static class KeyPage
{
    public sealed record Form
    {
        public string? Email { get; set; }
        public string? Key { get; set; }
        public string? Password { get; set; }
        public string? PasswordConfirm { get; set; }
    }

    public sealed record View(Form Values, IReadOnlyDictionary<string, string> Errors, bool Mailed, string Action, string Title, int MinLength, int MaxLength,
        string MailedText);

    private static readonly Dictionary<string, string> NoErrors = [];

    /// <summary>A refused form comes back without the passwords typed.</summary>
    public static IResult Show(HttpContext context, Pages pages, string action, string title, string mailedText, Form form, bool mailed,
        IReadOnlyDictionary<string, string>? errors = null, int status = 200) =>
        pages.Page(context, "accounts/key",
            new View(errors is null ? form : form with { Password = null, PasswordConfirm = null }, errors ?? NoErrors, mailed, action, title,
                PasswordRules.MinLength, PasswordRules.MaxLength, mailedText),
            title, status);

    public static AuthKeyFlow.NewPassword NewPassword(Form form) => new(form.Password, form.PasswordConfirm);
}
