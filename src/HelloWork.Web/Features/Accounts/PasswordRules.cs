using System.Reflection;
using HelloWork.Web.Http;
using Microsoft.AspNetCore.Identity;

namespace HelloWork.Web.Features.Accounts;

/// <summary>
/// ACC-3 on top of Identity's own checks (length 8+, a digit, a symbol): at most 32 characters,
/// half-width only, a letter too, and not one of the common passwords shipped in
/// common-passwords.txt. Every reason that applies is reported, so the form can show them all.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<AppUser>
{
    public const int MinLength = 8;
    public const int MaxLength = 32;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    internal static int CommonCount => Common.Value.Count;

    public static bool IsCommon(string password) => Common.Value.Contains(password.ToLowerInvariant());

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        password ??= "";
        var errors = new List<IdentityError>();
        if (password.Length > MaxLength) errors.Add(new() { Code = "PasswordTooLong" });
        if (password.Any(c => c < '!' || c > '~')) errors.Add(new() { Code = "PasswordNotHalfWidth" });
        if (!password.Any(char.IsAsciiLetter)) errors.Add(new() { Code = "PasswordRequiresLetter" });
        if (IsCommon(password)) errors.Add(new() { Code = "PasswordTooCommon" });
        if (user.Email is { Length: > 0 } email && password.Contains(email.Split('@')[0], StringComparison.OrdinalIgnoreCase) && email.Split('@')[0].Length >= 4)
        {
            errors.Add(new() { Code = "PasswordContainsEmail" });
        }
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    /// <summary>Puts each reason Identity or these rules gave on <paramref name="field"/> (or on the e-mail field).</summary>
    public static void AddErrors(FormErrors errors, Rendering.Texts texts, IdentityResult result, string field, string emailField = "Email")
    {
        foreach (var error in result.Errors)
        {
            var key = $"accounts.identity.{error.Code}";
            errors.Add(error.Code.StartsWith("Password", StringComparison.Ordinal) ? field : emailField,
                texts.Has(key) ? key : "accounts.identity.Other");
        }
    }

    /// <summary>ACC-3 for a new password, with every reason that applies (checked before any auth key is used up).</summary>
    public static async Task CheckNewAsync(FormErrors errors, Rendering.Texts texts, UserManager<AppUser> users, AppUser user, string? password, string? confirm,
        string field = "Password", string confirmField = "PasswordConfirm")
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(field, "form.required");
            return;
        }
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            if (!result.Succeeded)
            {
                AddErrors(errors, texts, result, field, field);
            }
        }
        if (password != confirm)
        {
            errors.Add(confirmField, "accounts.password.confirm-differs");
        }
    }

    private static HashSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("accounts/common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is not embedded");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#') set.Add(line.Trim().ToLowerInvariant());
        }
        return set;
    }
}
