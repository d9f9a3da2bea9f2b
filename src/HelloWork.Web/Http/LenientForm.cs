using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace HelloWork.Web.Http;

/// <summary>
/// Reads a request body as the fields of a form without ever throwing on what is in it (SEC-9):
/// a NUL byte (which ASP.NET Core's form reader refuses with "invalid characters", so nothing
/// at all could be shown again) is read like any other character, a body past the limit is read
/// up to it, and a JSON object's plain values are read as fields. Whether the body was a whole
/// form (url-encoded or multipart, within the limits) is said beside the fields.
/// </summary>
public static class LenientForm
{
    /// <summary>Far more than any form of ours sends (the longest field takes 2,000 characters).</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>A longer value is left out with a reason instead of being shown again.</summary>
    public const int MaxValueLength = 20_000;

    public const int MaxFields = 500;

    public static async Task<(IReadOnlyList<KeyValuePair<string, string>> Fields, bool WholeForm)> ReadAsync(HttpRequest request)
    {
        var (body, complete) = await ReadBodyAsync(request);
        if (body.Length == 0)
        {
            return ([], true); // nothing sent is an empty form, whatever its content type
        }
        _ = MediaTypeHeaderValue.TryParse(request.ContentType, out var type);
        var media = type?.MediaType.Value ?? "";
        if (media.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            var fields = UrlEncoded(body, complete);
            return (fields, complete && fields.Count <= MaxFields);
        }
        if (media.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) && complete)
        {
            return await MultipartAsync(request, body);
        }
        if (media.EndsWith("json", StringComparison.OrdinalIgnoreCase) && complete)
        {
            return (Json(body), false); // what it says is shown again, but it is not a form
        }
        return ([], false);
    }

    private static async Task<(byte[] Body, bool Complete)> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return (buffer.ToArray()[..MaxBodyBytes], false);
            }
        }
        return (buffer.ToArray(), true);
    }

    /// <summary>name=value pairs joined by &amp;, + for a space, %XX for UTF-8 bytes; a pair cut at the limit is dropped.</summary>
    private static List<KeyValuePair<string, string>> UrlEncoded(byte[] body, bool complete)
    {
        var pairs = Encoding.UTF8.GetString(body).Split('&');
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var pair in complete ? pairs : pairs[..^1])
        {
            if (pair.Length == 0) continue;
            if (fields.Count == MaxFields + 1) break;
            var equals = pair.IndexOf('=');
            fields.Add(equals < 0
                ? new(WebUtility.UrlDecode(pair), "")
                : new(WebUtility.UrlDecode(pair[..equals]), WebUtility.UrlDecode(pair[(equals + 1)..])));
        }
        return fields;
    }

    /// <summary>The framework's multipart reader over the bounded copy of the body; files are not fields and are left out.</summary>
    private static async Task<(IReadOnlyList<KeyValuePair<string, string>>, bool)> MultipartAsync(HttpRequest request, byte[] body)
    {
        request.Body = new MemoryStream(body, writable: false);
        try
        {
            var options = new FormOptions { ValueCountLimit = MaxFields, MultipartBodyLengthLimit = MaxBodyBytes, ValueLengthLimit = MaxBodyBytes };
            var form = await new FormFeature(request, options).ReadFormAsync(request.HttpContext.RequestAborted);
            return ([.. form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? "")))], true);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // A broken multipart body; the copy is in memory, so an IOException is not the client going away.
            return ([], false);
        }
    }

    /// <summary>The top-level strings, numbers and booleans of a JSON object.</summary>
    private static List<KeyValuePair<string, string>> Json(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
            if (json.RootElement.ValueKind != JsonValueKind.Object) return [];
            return [.. json.RootElement.EnumerateObject().Take(MaxFields).Select(p => p.Value.ValueKind switch
            {
                JsonValueKind.String => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!),
                JsonValueKind.Number => new(p.Name, p.Value.GetRawText()),
                JsonValueKind.True => new(p.Name, "true"),
                JsonValueKind.False => new(p.Name, "false"),
                _ => new(p.Name, ""),
            }).Where(f => f.Value.Length > 0)];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
