using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Primitives;

namespace HelloWork.Web.Http;

/// <summary>A reason one field of a form was not taken as sent: a text key and its arguments.</summary>
public sealed record FormRefusal(string Key, params object?[] Args);

/// <summary>What <see cref="FormGuard"/> could not take from this request's form, by field (<see cref="FormGuard.WholeForm"/> for the whole form).</summary>
public sealed record FormRefusals(IReadOnlyDictionary<string, FormRefusal> Fields);

/// <summary>
/// SEC-9: every form is read here, once, before antiforgery and binding, so no form ends in the
/// framework's 400 (which htmx does not swap in, so what was typed is lost, and which Development
/// shows with a stack trace). For an unsafe request to an endpoint that binds a form
/// (<c>[FromForm] T</c>), the body is read leniently (<see cref="LenientForm"/>) and each field of
/// T is checked as binding would take it: control characters (a NUL byte) are taken out, a value
/// that is not a valid boolean, choice (enum) or number is left out, an oversized value is left
/// out; a body that is not a form (JSON, text, a cut multipart) is read as far as it can be and
/// refused as a whole. What remains is the request's form (so binding cannot fail), and the
/// reasons are kept in <see cref="FormRefusals"/>: <see cref="FormErrors"/>, with which every
/// use case checks its form, starts with them, so the use case answers as for any refused form,
/// 422 with the form, the reason and the rest of what was typed.
/// </summary>
public static class FormGuard
{
    /// <summary>The field name under which a reason about the whole form is kept (shown at the top of the form).</summary>
    public const string WholeForm = "Form";

    /// <summary>After authorization, before UseAntiforgery (which reads the form for its token).</summary>
    public static IApplicationBuilder UseFormGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (AntiforgeryGuard.IsUnsafe(context.Request.Method) && context.GetEndpoint() is RouteEndpoint endpoint && !AntiforgeryGuard.IsExempt(endpoint))
        {
            var formType = FormTypeOf(endpoint);
            // An endpoint without a form still reads its token from a posted form (the sign-out button's).
            if (formType is not null || context.Request.HasFormContentType)
            {
                await ReadAsync(context, formType);
            }
        }
        await next();
    });

    /// <summary>
    /// A convention for every endpoint of ours. Minimal APIs mark a form endpoint as accepting only
    /// form content types, so routing answers JSON or text sent to it with a bare 415 (the page
    /// said "システムエラー") before anything of ours runs. Without that mark the endpoint is chosen,
    /// and FormGuard refuses the body as a form: 422, with the form and the reason.
    /// </summary>
    public static void TakeAnyContentType(EndpointBuilder endpoint)
    {
        for (var i = endpoint.Metadata.Count - 1; i >= 0; i--)
        {
            if (endpoint.Metadata[i] is IAcceptsMetadata)
            {
                endpoint.Metadata.RemoveAt(i);
            }
        }
    }

    private static async Task ReadAsync(HttpContext context, Type? formType)
    {
        var (fields, wholeFormRead) = await LenientForm.ReadAsync(context.Request);
        var properties = formType is null ? null : PropertiesOf(formType);
        var kept = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        var refusals = new Dictionary<string, FormRefusal>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            if (properties is null || !properties.TryGetValue(key, out var property))
            {
                // Not a field of the form (the antiforgery token, a button's name): passed on as sent.
                kept[key] = StringValues.Concat(kept.TryGetValue(key, out var earlier) ? earlier : StringValues.Empty, value);
                continue;
            }
            if (kept.ContainsKey(property.Name) || refusals.ContainsKey(property.Name))
            {
                continue; // one value per field, the first, as a form sends it
            }
            var (taken, refusal) = Check(property.PropertyType, value);
            if (taken is not null) kept[property.Name] = taken;
            if (refusal is not null) refusals[property.Name] = refusal;
        }
        if (!wholeFormRead && formType is not null)
        {
            refusals[WholeForm] = new FormRefusal("form.unreadable");
        }
        if (properties is not null && !properties.Values.Any(p => kept.ContainsKey(p.Name)))
        {
            // Binding makes no form at all (null) when none of its fields was sent: name one, empty as its default.
            var first = properties.Values.FirstOrDefault(p => p.PropertyType == typeof(string) || p.PropertyType == typeof(bool));
            if (first is not null) kept[first.Name] = first.PropertyType == typeof(bool) ? "false" : "";
        }
        // Binding and antiforgery read this collection; the body is not read again.
        context.Features.Set<IFormFeature>(new FormFeature(new FormCollection(kept)));
        if (formType is not null && context.Features.Get<IHttpRequestBodyDetectionFeature>() is not { CanHaveBody: true })
        {
            // A POST without a body: binding would not look at the form at all (and answer 400); it is an empty form.
            context.Features.Set<IHttpRequestBodyDetectionFeature>(FormSent.Instance);
        }
        if (refusals.Count > 0)
        {
            context.Features.Set(new FormRefusals(refusals));
        }
    }

    private sealed class FormSent : IHttpRequestBodyDetectionFeature
    {
        public static readonly FormSent Instance = new();
        public bool CanHaveBody => true;
    }

    /// <summary>The value binding will get (null: none) and why it is not the value sent (null: it is).</summary>
    internal static (string? Taken, FormRefusal? Refusal) Check(Type type, string sent)
    {
        if (sent.Length > LenientForm.MaxValueLength)
        {
            return (null, new FormRefusal("form.value-too-large", LenientForm.MaxValueLength));
        }
        var clean = RemoveControlCharacters(sent);
        var controls = clean.Length != sent.Length ? new FormRefusal("form.invalid-characters") : null;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string) || (!target.IsEnum && TryParseMethod(target) is null && target != typeof(bool)))
        {
            return (clean, controls);
        }
        if (clean.Trim().Length == 0)
        {
            return (null, controls); // nothing chosen: the field's default
        }
        if (controls is null && Parse(target, clean) is { } parsed)
        {
            return (parsed, null);
        }
        return (null, new FormRefusal(target.IsEnum || target == typeof(bool) ? "form.invalid-choice" : "form.invalid-value"));
    }

    /// <summary>Tab, line feed and carriage return are text (a textarea has them); every other control character is not.</summary>
    private static string RemoveControlCharacters(string value) =>
        value.Any(IsForbidden) ? string.Concat(value.Where(c => !IsForbidden(c))) : value;

    private static bool IsForbidden(char c) => char.IsControl(c) && c is not ('\t' or '\n' or '\r');

    /// <summary>The value as binding will surely take it, or null when it is not one.</summary>
    private static string? Parse(Type target, string value)
    {
        if (target == typeof(bool))
        {
            return bool.TryParse(value, out var b) ? (b ? "true" : "false") : null;
        }
        if (target.IsEnum)
        {
            // Only a name or number the enum defines (binding would take any number), passed on by its name.
            return Enum.TryParse(target, value, ignoreCase: true, out var choice) && Enum.IsDefined(target, choice!) ? choice!.ToString() : null;
        }
        object?[] args = [value, CultureInfo.InvariantCulture, null];
        return (bool)TryParseMethod(target)!.Invoke(null, args)! ? value : null;
    }

    private static readonly ConcurrentDictionary<Type, MethodInfo?> TryParseMethods = new();

    /// <summary>IParsable's TryParse(string, IFormatProvider, out T): what binding uses for numbers, dates and ids.</summary>
    private static MethodInfo? TryParseMethod(Type type) => TryParseMethods.GetOrAdd(type, t =>
        t.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), t.MakeByRefType()]));

    private static readonly ConcurrentDictionary<Endpoint, Type?> FormTypes = new();

    /// <summary>The type of the handler's [FromForm] parameter (the handler's method is in the endpoint's metadata), or null.</summary>
    public static Type? FormTypeOf(Endpoint endpoint) => FormTypes.GetOrAdd(endpoint, e =>
        e.Metadata.GetMetadata<MethodInfo>()?.GetParameters()
            .FirstOrDefault(p => p.GetCustomAttributes().OfType<IFromFormMetadata>().Any())?.ParameterType);

    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, PropertyInfo>> Properties = new();

    private static IReadOnlyDictionary<string, PropertyInfo> PropertiesOf(Type type) => Properties.GetOrAdd(type, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase));
}
