using System.Net;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Data;
using HelloWork.Web.Mail;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace HelloWork.Tests.Infrastructure;

/// <summary>
/// The real app in memory, one per test class: a fresh database (a SQLite file, or a new
/// PostgreSQL database), a fake clock, mail to the real SMTP sink, and clients signed in as
/// chosen people through the real login form.
/// </summary>
public abstract class HelloWorkApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Test-pass1";

    /// <summary>Tuesday 24 Nov 2026, 10:00 in Japan.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    private string _connectionString = "";
    private SmtpSink? _smtp;

    public abstract DatabaseProvider Provider { get; }
    /// <summary>
    /// The app's one TimeProvider. It moves only when a test moves it (AutoAdvanceAmount stays
    /// zero), and timers made through it (the timed-rule loop's) fire when it is moved.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(Start);
    public string ConnectionString => _connectionString;
    public Maildir Mail => (_smtp ?? throw new InvalidOperationException("not initialised")).Maildir;

    /// <summary>"Testing" behaves as production does (no developer pages, no demo data).</summary>
    protected virtual string EnvironmentName => "Testing";

    /// <summary>Null leaves Database:SeedDemoData to the app's own configuration (appsettings*.json).</summary>
    protected virtual bool? SeedDemoData => false;

    /// <summary>
    /// Off: a test moves the clock, then runs the rules itself (RunTimedRulesAsync), so no pass of
    /// the server's own loop (its timer fires when the fake clock moves) races it.
    /// </summary>
    protected virtual bool TimedRulesInBackground => false;

    /// <summary>Overridden by apps whose mail server is unreachable.</summary>
    protected virtual int? SmtpPortOverride => null;

    /// <summary>
    /// SEC-5's request limits count per client address and per account. Every request of a test
    /// comes from one address, which no real person's does, so test apps raise the per-address
    /// limits; the per-account limits and the mail limit stay as shipped. The tests that prove the
    /// limits use an app with every limit as shipped (<see cref="ShippedLimitsSqliteApp"/>).
    /// </summary>
    protected virtual bool ShippedRequestLimits => false;

    public static readonly string[] RequestLimitPolicies = ["SignIn", "LoginCode", "KeyRequest", "KeyEntry"];

    public async ValueTask InitializeAsync()
    {
        _smtp = await TestServices.SmtpSinkAsync();
        _connectionString = await CreateDatabaseAsync();
        StartServer(); // the schema upgrade runs now, not in the first test
    }

    /// <summary>A new empty database for this app; its schema is made by the app's own start-up.</summary>
    protected virtual async Task<string> CreateDatabaseAsync() => Provider == DatabaseProvider.Postgres
        ? await TestServices.CreatePostgresDatabaseAsync()
        : $"Data Source={Path.Combine(TestServices.ArtifactsDirectory, $"sqlite-{Guid.NewGuid():N}.db")}";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Database:ConnectionString", _connectionString);
        if (SeedDemoData is { } seed)
        {
            builder.UseSetting("Database:SeedDemoData", seed ? "true" : "false");
        }
        builder.UseSetting("Mail:Delivery", "Smtp");
        builder.UseSetting("Mail:Host", _smtp!.Host);
        builder.UseSetting("Mail:Port", (SmtpPortOverride ?? _smtp.Port).ToString());
        builder.UseSetting("Mail:PublicBaseUrl", "http://hellowork.test");
        builder.UseSetting("TimedRules:RunInBackground", TimedRulesInBackground ? "true" : "false");
        if (!ShippedRequestLimits)
        {
            foreach (var policy in RequestLimitPolicies)
            {
                builder.UseSetting($"RateLimits:{policy}:PerAddress", "1000000");
            }
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientConnection>();
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ThrowingRoute>();
            AddTestServices(services);
        });
    }

    /// <summary>For apps that need more (a probe rule, a failing mail server ...).</summary>
    protected virtual void AddTestServices(IServiceCollection services)
    {
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Runs every timed rule once at the fake clock's now (the only way they run, unless TimedRulesInBackground).</summary>
    public Task<IReadOnlyDictionary<string, int>> RunTimedRulesAsync() => Service<HelloWork.Web.TimedRules.TimedRuleRunner>().RunAllAsync();

    /// <summary>Runs <paramref name="work"/> with a scoped AppDb.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDb, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDb>());
    }

    public async Task WithDbAsync(Func<AppDb, Task> work)
    {
        using var scope = Services.CreateScope();
        await work(scope.ServiceProvider.GetRequiredService<AppDb>());
    }

    public async Task<AppUser> CreateUserAsync(UserKind kind, string? name = null, string? email = null)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        email ??= $"{kind.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@test.example";
        var user = AppUser.Create(kind, email, name ?? $"{kind} {email[..12]}", Clock.UtcNow);
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Code)));
        return user;
    }

    /// <summary>A new browser with no cookies yet; <paramref name="clientAddress"/> is the address its requests come from (this machine by default).</summary>
    public virtual UserClient Anonymous(string? clientAddress = null)
    {
        var cookies = new CookieContainer();
        var baseAddress = new Uri("http://localhost");
        var client = CreateDefaultClient(baseAddress, new CookieHandler(cookies));
        if (clientAddress is not null) client.DefaultRequestHeaders.Add(ClientAddressHeader, clientAddress);
        return new UserClient(client, cookies, baseAddress);
    }

    public const string LoginCodeSubject = "【ハローワーク】ログイン確認コード";

    /// <summary>
    /// Signs in through the real login form (/login, or /staff/login for staff); seekers and
    /// employers then enter the one-time code read from the real mail (ACC-13). The client says
    /// <paramref name="userAgent"/> on every request, as a browser would.
    /// </summary>
    public Task<UserClient> SignInAsync(AppUser user, string password = Password, string? userAgent = null) => SignInAsync(user, Anonymous(), password, userAgent);

    /// <summary>Signs in through <paramref name="client"/> (a browser behind the proxy of several instances, say).</summary>
    public async Task<UserClient> SignInAsync(AppUser user, UserClient client, string password = Password, string? userAgent = null)
    {
        if (userAgent is not null) client.Http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
        var login = user.Kind == UserKind.Staff ? "/staff/login" : "/login";
        var codesBefore = LoginCodesTo(user.Email!);
        using var response = await client.PostFormAsync(login, [new("Email", user.Email!), new("Password", password)], formPage: login, htmx: false);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (response.Headers.Location!.OriginalString == "/login/code")
        {
            using var confirmed = await EnterLoginCodeAsync(client, user.Email!, codesBefore);
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        }
        client.ForgetToken(); // the token is bound to the signed-in user from now on
        return client;
    }

    /// <summary>How many sign-in code mails <paramref name="email"/> has had (to tell the next one from earlier ones).</summary>
    public int LoginCodesTo(string email) => Mail.All().Count(m => m.To == email && m.Subject == LoginCodeSubject);

    /// <summary>The newest sign-in code mailed to <paramref name="email"/> after <paramref name="codesBefore"/> earlier ones.</summary>
    public async Task<string> NextLoginCodeAsync(string email, int codesBefore)
    {
        if (SmtpPortOverride is not null)
        {
            // This app's mail server is down on purpose: the code can only be read where it waits, in the outbox.
            var text = await WithDbAsync(db => db.Set<OutboxMail>().Where(m => m.To == email && m.Template == "login-code")
                .OrderByDescending(m => m.Id).Select(m => m.TextBody).FirstAsync());
            return System.Text.RegularExpressions.Regex.Match(text, "確認コード：([0-9]{6})").Groups[1].Value;
        }
        await DispatchMailAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var codes = Mail.All().Where(m => m.To == email && m.Subject == LoginCodeSubject).ToList();
            if (codes.Count > codesBefore)
            {
                var match = System.Text.RegularExpressions.Regex.Match(codes[^1].Text, "確認コード：([0-9]{6})");
                Assert.True(match.Success, codes[^1].Text);
                return match.Groups[1].Value;
            }
            if (DateTime.UtcNow >= deadline) throw new TimeoutException($"No new sign-in code mail to {email}");
            await Task.Delay(50);
        }
    }

    /// <summary>Enters the mailed code on /login/code (ACC-13); the response redirects to the MyPage when it worked.</summary>
    public async Task<HttpResponseMessage> EnterLoginCodeAsync(UserClient client, string email, int codesBefore, bool trustBrowser = false)
    {
        var code = await NextLoginCodeAsync(email, codesBefore);
        List<KeyValuePair<string, string>> fields = [new("Code", code)];
        if (trustBrowser) fields.Add(new("TrustBrowser", "true"));
        return await client.PostFormAsync("/login/code", fields, formPage: "/login/code", htmx: false);
    }

    public async Task<(AppUser User, UserClient Client)> SignedInAsync(UserKind kind, string? name = null)
    {
        var user = await CreateUserAsync(kind, name);
        return (user, await SignInAsync(user));
    }

    /// <summary>Sends every mail that is due now (the dispatcher also runs by itself).</summary>
    public Task<int> DispatchMailAsync() => Service<MailDispatcher>().SendDueAsync();

    /// <summary>GET /__test/throw fails inside the app, to prove what people see when something breaks.</summary>
    private sealed class ThrowingRoute : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public const string Secret = "secret-internal-detail";

        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            next(app);
            Microsoft.AspNetCore.Builder.MapExtensions.Map(app, "/__test/throw",
                b => Microsoft.AspNetCore.Builder.RunExtensions.Run(b, _ => throw new InvalidOperationException(Secret)));
        };
    }

    /// <summary>The header a test sets to say which address its request comes from.</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>
    /// The test server gives a request no remote address; a real server always has one. Requests
    /// come from this machine (127.0.0.1) unless <see cref="ClientAddressHeader"/> names another
    /// address (a visitor elsewhere, or a proxy). GET /__test/connection answers the scheme and
    /// client address the app ends up with (after the forwarded headers, when a proxy is believed).
    /// </summary>
    private sealed class ClientConnection : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            Microsoft.AspNetCore.Builder.UseExtensions.Use(app, (context, nextMiddleware) =>
            {
                var given = context.Request.Headers[ClientAddressHeader].ToString();
                if (given.Length > 0)
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(given);
                }
                context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
            Microsoft.AspNetCore.Builder.MapExtensions.Map(app, "/__test/connection",
                b => Microsoft.AspNetCore.Builder.RunExtensions.Run(b, context =>
                    Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response,
                        $"{context.Request.Scheme} {context.Connection.RemoteIpAddress}")));
        };
    }
}

public sealed class SqliteApp : HelloWorkApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresApp : HelloWorkApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>An app with every request limit as shipped (SEC-5), for the tests that prove them.</summary>
public sealed class ShippedLimitsSqliteApp : HelloWorkApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override bool ShippedRequestLimits => true;
}

public sealed class ShippedLimitsPostgresApp : HelloWorkApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
    protected override bool ShippedRequestLimits => true;
}

/// <summary>A second server instance on an existing database (another node, or the same app restarted).</summary>
public sealed class SameDatabaseApp(DatabaseProvider provider, string connectionString) : HelloWorkApp
{
    public override DatabaseProvider Provider => provider;
    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(connectionString);
}

/// <summary>Keeps cookies like a browser would.</summary>
public sealed class CookieHandler(CookieContainer cookies) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var uri = request.RequestUri!;
        var header = cookies.GetCookieHeader(uri);
        if (header.Length > 0)
        {
            request.Headers.Remove("Cookie");
            request.Headers.Add("Cookie", header);
        }
        var response = await base.SendAsync(request, ct);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                cookies.SetCookies(uri, setCookie);
            }
        }
        return response;
    }
}
