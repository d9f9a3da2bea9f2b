using System.IO.Compression;
using HelloWork.Web.Live;
using Microsoft.AspNetCore.ResponseCompression;

namespace HelloWork.Web.Http;

/// <summary>
/// Pages, fragments, CSS and scripts are compressed (Brotli, else gzip, at the fastest level) when
/// the browser asks: a 13 KB inbox is about 2 KB on the wire. The live hub is left alone (a
/// WebSocket is not an HTTP body; long polling gains little and must not be buffered).
/// <para>
/// Over HTTPS too (<c>EnableForHttps</c>), decided against BREACH, which recovers a secret that
/// sits in every response next to text the attacker chooses, by watching compressed lengths over
/// many requests made with the victim's cookies:
/// <list type="bullet">
/// <item>The one secret on every page, the antiforgery token, is never the same twice: ASP.NET's
/// request token is encrypted by Data Protection on each response with a fresh random key
/// modifier and IV (a test proves two responses carry different tokens), so there is nothing
/// stable to guess byte by byte.</item>
/// <item>The sign-in cookie is SameSite=Lax: another site's page cannot have the browser send it
/// with fetch, images or frames, only with top-level navigations, one visible page at a time.</item>
/// <item>The one page that echoes what a request says beside private text, the message search (the
/// query next to the person's messages), is sent uncompressed.</item>
/// </list>
/// </para>
/// </summary>
public static class Compression
{
    public static IServiceCollection AddCompression(this IServiceCollection services)
    {
        services.AddSingleton<IResponseCompressionProvider, Provider>();
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    public static IApplicationBuilder UseCompression(this IApplicationBuilder app) =>
        app.UseWhen(c => !c.Request.Path.StartsWithSegments(LiveHub.Path), compressed => compressed.UseResponseCompression());

    private static readonly object DoNotCompressKey = new();

    /// <summary>For a response that echoes the request beside private text: sent as it is, even when the browser accepts compression (BREACH).</summary>
    public static void DoNotCompress(this HttpContext context) => context.Items[DoNotCompressKey] = true;

    /// <summary>The framework's choice, except for responses marked <see cref="DoNotCompress"/> (over http too: TLS may end at a proxy).</summary>
    private sealed class Provider(IServiceProvider services, Microsoft.Extensions.Options.IOptions<ResponseCompressionOptions> options)
        : ResponseCompressionProvider(services, options)
    {
        public override bool ShouldCompressResponse(HttpContext context) =>
            !context.Items.ContainsKey(DoNotCompressKey) && base.ShouldCompressResponse(context);
    }
}
