using HelloWork.Web.Rendering;

namespace HelloWork.Web.Http;

/// <summary>Field → message, in the request's language, for a form that is shown again as typed.</summary>
public sealed class FormErrors(Texts texts)
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;
    public IReadOnlyDictionary<string, string> Fields => _errors;

    /// <summary>Adds a reason; a field with several reasons shows them all (say, a password missing a digit and a symbol).</summary>
    public void Add(string field, string key, params object?[] args)
    {
        var message = texts.Format(key, args);
        _errors[field] = _errors.TryGetValue(field, out var earlier) && earlier != message ? $"{earlier} {message}" : message;
    }

    /// <summary>Required and at most max characters; returns the trimmed value.</summary>
    public string Text(string field, string? value, int max, bool required = true)
    {
        var v = (value ?? "").Trim();
        if (required && v.Length == 0)
        {
            Add(field, "form.required");
        }
        else if (v.Length > max)
        {
            Add(field, "form.too-long", max, v.Length);
        }
        return v;
    }

    // MimeKit by default takes "foo" for an address without a domain; a form wants a whole address.
    private static readonly MimeKit.ParserOptions AddressOptions = new() { AllowAddressesWithoutDomain = false };

    public string Email(string field, string? value)
    {
        var v = (value ?? "").Trim();
        if (v.Length == 0)
        {
            Add(field, "form.required");
        }
        else if (v.Length > 254 || v.Any(char.IsWhiteSpace) || v.Any(c => c > '~') || !MimeKit.MailboxAddress.TryParse(AddressOptions, v, out var parsed) || parsed.Address != v)
        {
            Add(field, "form.email-invalid");
        }
        return v;
    }
}
