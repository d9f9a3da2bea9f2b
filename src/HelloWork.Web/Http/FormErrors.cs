using HelloWork.Web.Rendering;

namespace HelloWork.Web.Http;

/// <summary>
/// Field → message, in the request's language, for a form that is shown again as typed. It starts
/// with what the request's form could not give as sent (SEC-9, <see cref="FormGuard"/>): a use
/// case that checks its form with these refuses a malformed one like any other, before it acts.
/// </summary>
public sealed class FormErrors
{
    private readonly Texts texts;
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _notReadAsSent = new(StringComparer.Ordinal);

    public FormErrors(HttpContext context, Texts texts)
    {
        this.texts = texts;
        foreach (var (field, refusal) in context.Features.Get<FormRefusals>()?.Fields ?? new Dictionary<string, FormRefusal>())
        {
            Add(field, refusal.Key, refusal.Args);
            _notReadAsSent.Add(field);
        }
    }

    public bool Any => _errors.Count > 0;
    public IReadOnlyDictionary<string, string> Fields => _errors;

    /// <summary>Every reason in one line, for a form that shows a single message.</summary>
    public string Summary => string.Join(" ", _errors.Values);

    /// <summary>Adds a reason; a field with several reasons shows them all (say, a password missing a digit and a symbol).</summary>
    public void Add(string field, string key, params object?[] args)
    {
        if (_notReadAsSent.Contains(field))
        {
            return; // the value checked is not the one sent: only why it was not taken is said
        }
        var message = texts.Format(key, args);
        _errors[field] = _errors.TryGetValue(field, out var earlier) && earlier != message ? $"{earlier} {message}" : message;
    }

    /// <summary>For a page with two forms whose fields share a name: shows <paramref name="field"/>'s reasons under <paramref name="shownAs"/>.</summary>
    public void ShowAs(string field, string shownAs)
    {
        if (_errors.Remove(field, out var message))
        {
            _errors[shownAs] = message;
        }
        if (_notReadAsSent.Remove(field))
        {
            _notReadAsSent.Add(shownAs);
        }
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
