using System.Net;
using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Accounts.AccountSteps;

namespace HelloWork.Tests.Http;

/// <summary>
/// Production behind a TLS-ending proxy at <see cref="Proxy"/> (Proxy:KnownProxies). Demo data is
/// left to the app's own configuration, and the developer pages' settings are on, to prove that
/// Production ignores them.
/// </summary>
public abstract class ProductionApp : HelloWorkApp
{
    public const string Proxy = "10.0.0.5";

    protected override string EnvironmentName => "Production";
    protected override bool? SeedDemoData => null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Proxy:KnownProxies", Proxy);
        builder.UseSetting("DevTools:MailInbox", "true");
        builder.UseSetting("DevTools:DemoLogins", "true");
    }
}

public sealed class SqliteProductionApp : ProductionApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresProductionApp : ProductionApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public abstract class ProductionTests(ProductionApp app)
{
    private static readonly Uri Site = new("https://hellowork.test");
    private static readonly Uri AppBehindProxy = new("http://hellowork.test");
    private const string Client = "203.0.113.7";

    /// <summary>A person at <see cref="Client"/> reaching the site over https through the proxy (which speaks http to the app).</summary>
    private static Visitor ThroughProxy(string from = ProductionApp.Proxy) => new(from, Site, new Dictionary<string, string>
    {
        ["X-Forwarded-For"] = Client,
        ["X-Forwarded-Proto"] = "https",
    });

    private static async Task<string> ConnectionSeenAsync(UserClient client)
    {
        using var response = await client.GetAsync("/__test/connection");
        return await response.Content.ReadAsStringAsync();
    }

    [Fact, Trait("Rule", "SEC-1")]
    public async Task Production_seeds_no_demo_accounts_unless_told_and_lists_none_on_the_login_pages()
    {
        var browser = ThroughProxy().ClientOf(app, AppBehindProxy);

        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email!.EndsWith("@demo.hellowork.example"))));
        Assert.False((await browser.PageAsync("/login")).Has(".demo"));
        Assert.False((await browser.PageAsync("/staff/login")).Has(".demo"));
    }

    [Fact, Trait("Rule", "SEC-1")]
    public async Task Production_answers_404_at_the_mail_inbox_even_to_this_machine_with_its_setting_on()
    {
        var local = new Visitor("127.0.0.1", new Uri("http://localhost")).ClientOf(app, new Uri("http://localhost"));

        using var inbox = await local.GetAsync("/dev/mails");
        using var mail = await local.GetAsync("/dev/mails/1");
        Assert.Equal(HttpStatusCode.NotFound, inbox.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, mail.StatusCode);
    }

    [Fact, Trait("Rule", "SEC-8")]
    public async Task Through_the_known_proxy_the_app_sees_the_person_over_https_and_sends_HSTS()
    {
        var browser = ThroughProxy().ClientOf(app, AppBehindProxy);

        Assert.Equal($"https {Client}", await ConnectionSeenAsync(browser));
        var login = await browser.PageAsync("/login");
        Assert.Equal("max-age=31536000", login.Header("Strict-Transport-Security"));
    }

    [Fact, Trait("Rule", "SEC-8")]
    public async Task Every_cookie_the_app_sets_is_Secure()
    {
        var seeker = await app.CreateUserAsync(UserKind.Seeker);
        var staff = await app.CreateUserAsync(UserKind.Staff);
        var seekerBrowser = ThroughProxy();
        var staffBrowser = ThroughProxy();
        var seekerClient = seekerBrowser.ClientOf(app, AppBehindProxy);
        var staffClient = staffBrowser.ClientOf(app, AppBehindProxy);

        await seekerClient.PageAsync("/login?lang=en");
        using (var password = await seekerClient.PostFormAsync("/login", Login(seeker.Email!, HelloWorkApp.Password), formPage: "/login", htmx: false))
        {
            Assert.Equal("/login/code", password.Headers.Location!.OriginalString);
        }
        using (var code = await app.EnterLoginCodeAsync(seekerClient, seeker.Email!, 0, trustBrowser: true))
        {
            Assert.Equal("/mypage", code.Headers.Location!.OriginalString);
        }
        using (var signedIn = await staffClient.PostFormAsync("/staff/login", Login(staff.Email!, HelloWorkApp.Password), formPage: "/staff/login", htmx: false))
        {
            Assert.Equal("/staff", signedIn.Headers.Location!.OriginalString);
        }

        // The sessions work the way a browser sends them back: over https only.
        Assert.Equal(HttpStatusCode.OK, (await seekerClient.PageAsync("/mypage")).Status);
        Assert.Equal(HttpStatusCode.OK, (await staffClient.PageAsync("/staff")).Status);
        var setCookies = seekerBrowser.SetCookies.Concat(staffBrowser.SetCookies).ToList();
        var names = setCookies.Select(c => c[..c.IndexOf('=')]).ToHashSet();
        Assert.Superset(new HashSet<string> { "hw.af", "hw-lang", "hw.login-pending", "hw.auth" }, names);
        Assert.Contains(names, n => n.StartsWith("hw.trust.", StringComparison.Ordinal));
        Assert.All(setCookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Theory, Trait("Rule", "SEC-8")]
    [InlineData("198.51.100.9")]
    [InlineData("127.0.0.1")] // the framework's own default trusts loopback; ours trusts only what is named
    [InlineData("::1")]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_known_proxy_are_ignored(string address)
    {
        var visitor = ThroughProxy(from: address);
        var spoofer = visitor.ClientOf(app, AppBehindProxy);

        Assert.Equal($"http {IPAddress.Parse(address)}", await ConnectionSeenAsync(spoofer));
        Assert.Null((await spoofer.PageAsync("/login")).Header("Strict-Transport-Security"));
        // Over plain http too, Production sets no cookie that is not Secure.
        var antiforgery = Assert.Single(visitor.SetCookies, c => c.StartsWith("hw.af=", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact, Trait("Rule", "SEC-8")]
    public async Task With_no_proxy_configured_forwarded_headers_are_ignored_from_every_address()
    {
        await using var noProxy = app.WithWebHostBuilder(b => b.UseSetting("Proxy:KnownProxies", ""));
        var visitor = ThroughProxy();
        var client = new UserClient(noProxy.CreateDefaultClient(AppBehindProxy, visitor), visitor.Cookies, Site);

        Assert.Equal($"http {ProductionApp.Proxy}", await ConnectionSeenAsync(client));
    }
}

public sealed class ProductionTestsOnSqlite(SqliteProductionApp app) : ProductionTests(app), IClassFixture<SqliteProductionApp>;

public sealed class ProductionTestsOnPostgres(PostgresProductionApp app) : ProductionTests(app), IClassFixture<PostgresProductionApp>;
