using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Threading.RateLimiting;
using HelloWork.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HelloWork.Web.Http;

/// <summary>How many tries one client address, and one target account, get in a window.</summary>
public sealed class WindowLimit
{
    public int PerAddress { get; set; }
    public int PerAccount { get; set; }
    public TimeSpan Window { get; set; }
}

/// <summary>The settings of SEC-5 (section RateLimits); a limit of 0 turns that count off.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Password checks: sign-in, re-registration, the current password in the settings.</summary>
    public WindowLimit SignIn { get; set; } = new() { PerAddress = 10, PerAccount = 10, Window = TimeSpan.FromMinutes(1) };

    /// <summary>The mailed one-time code of the sign-in (ACC-13).</summary>
    public WindowLimit LoginCode { get; set; } = new() { PerAddress = 10, PerAccount = 10, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Asking for a mailed key: sign-up, MyPage opening, password reset, re-registration, invitations.</summary>
    public WindowLimit KeyRequest { get; set; } = new() { PerAddress = 10, PerAccount = 10, Window = TimeSpan.FromMinutes(10) };

    /// <summary>Entering a mailed key or an invitation key.</summary>
    public WindowLimit KeyEntry { get; set; } = new() { PerAddress = 10, PerAccount = 10, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Key, code and invitation mails of one kind to one address within an hour (the mail queue's limit).</summary>
    public int MailsPerAddressPerHour { get; set; } = 5;
}

/// <summary>
/// SEC-5: ASP.NET Core's rate-limiting middleware on every endpoint where something can be
/// guessed or a mail can be made to go. Each request counts once for its client address and once
/// for its target account (the e-mail typed, normalised; or the signed-in login; or the login
/// whose code is awaited), so neither many tries from one address nor tries on one account from
/// many addresses get through. The answer is 429 with Retry-After and a page in the person's
/// language (<see cref="TooManyRequests"/>), the same whether or not the account exists.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string LoginCode = "login-code";
    public const string KeyRequest = "key-request";
    public const string KeyEntry = "key-entry";

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        services.AddSingleton<IRateLimitCounter, InMemoryRateLimitCounter>();
        services.AddRateLimiter(_ => { }); // the middleware's services; its policies come next, from our settings and counter
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, IRateLimitCounter, TimeProvider>((options, limits, counter, clock) =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = TooManyRequests.WriteAsync;
            Add(options, SignIn, limits.Value.SignIn, counter, clock);
            Add(options, LoginCode, limits.Value.LoginCode, counter, clock);
            Add(options, KeyRequest, limits.Value.KeyRequest, counter, clock);
            Add(options, KeyEntry, limits.Value.KeyEntry, counter, clock);
        });
        return services;
    }

    /// <summary>After authentication (a signed-in login is its own account); before the endpoint reads anything.</summary>
    public static IApplicationBuilder UseRateLimits(this IApplicationBuilder app)
    {
        // The typed e-mail is in the form, and a partitioner cannot wait: read the form first
        // (asynchronously, once; the endpoint gets the same form). A body that is not a form
        // limits by address alone and is refused by the endpoint as it would be anyway.
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not null && context.Request.HasFormContentType)
            {
                try
                {
                    await context.Request.ReadFormAsync(context.RequestAborted);
                }
                catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
                {
                }
            }
            await next(context);
        });
        return app.UseRateLimiter();
    }

    private static void Add(RateLimiterOptions options, string policy, WindowLimit limit, IRateLimitCounter counter, TimeProvider clock) =>
        options.AddPolicy(policy, context =>
        {
            var address = AddressOf(context);
            var account = AccountOf(context, policy);
            WindowKey[] windows = account is null
                ? [new($"{policy}|address|{address}", limit.PerAddress, limit.Window)]
                : [new($"{policy}|address|{address}", limit.PerAddress, limit.Window), new($"{policy}|account|{account}", limit.PerAccount, limit.Window)];
            return RateLimitPartition.Get($"{address}|{account}", _ => new WindowLimiter(counter, clock, windows));
        });

    /// <summary>The client's address; for IPv6 its /64, which one subscriber usually holds whole.</summary>
    public static string AddressOf(HttpContext context)
    {
        var ip = context.Connection.RemoteIpAddress;
        if (ip is null)
        {
            return "-";
        }
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }
        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = ip.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }
        return ip.ToString();
    }

    /// <summary>The account a request tries: the signed-in login, the login whose code is awaited (code entry), or the e-mail typed.</summary>
    public static string? AccountOf(HttpContext context, string policy)
    {
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } signedIn)
        {
            return "login:" + signedIn;
        }
        if (policy == LoginCode)
        {
            return ConfirmSignIn.PendingUserOf(context) is { } pending ? "login:" + pending.ToString("N") : null;
        }
        var email = context.Features.Get<IFormFeature>()?.Form?["Email"].ToString().Trim();
        return string.IsNullOrEmpty(email) ? null : "email:" + email.ToUpperInvariant();
    }
}
