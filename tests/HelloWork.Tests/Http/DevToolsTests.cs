using System.Net;
using HelloWork.Tests.Features.Demo;
using HelloWork.Web.Data;
using Microsoft.AspNetCore.Hosting;

namespace HelloWork.Tests.Http;

/// <summary>
/// SEC-1: the developer pages (the mail inbox, which shows everyone's sign-in codes and keys, and
/// the demo logins) answer in Development only to this machine, and only when their setting is on
/// (appsettings.Development.json turns them on for the demo command). Anyone else gets 404.
/// </summary>
public abstract class DevToolsTests(DevelopmentApp app)
{
    private static readonly Uri Local = new("http://localhost");

    private UserClient From(string address, Uri? appUrl = null, Dictionary<string, string>? headers = null) =>
        new Visitor(address, appUrl ?? Local, headers).ClientOf(app, appUrl ?? Local);

    private static async Task<HttpStatusCode> StatusAsync(UserClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return response.StatusCode;
    }

    [Fact, Trait("Rule", "SEC-1")]
    public async Task The_mail_inbox_and_the_demo_logins_answer_a_browser_on_this_machine()
    {
        foreach (var local in new[] { "127.0.0.1", "::1" })
        {
            var developer = From(local);
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(developer, "/dev/mails"));
            Assert.Contains("seeker1@demo.hellowork.example", (await developer.PageAsync("/login")).Text(".demo"));
        }
    }

    [Theory, Trait("Rule", "SEC-1")]
    [InlineData("192.0.2.10")]
    [InlineData("10.1.2.3")]
    [InlineData("2001:db8::7")]
    public async Task A_request_from_another_address_gets_404_at_the_mail_inbox_and_sees_no_demo_logins(string address)
    {
        var outsider = From(address);

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(outsider, "/dev/mails"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(outsider, "/dev/mails/1"));
        var login = await outsider.PageAsync("/login");
        Assert.False(login.Has(".demo"));
        Assert.DoesNotContain("@demo.hellowork.example", login.Html);
        Assert.False((await outsider.PageAsync("/staff/login")).Has(".demo"));
    }

    [Fact, Trait("Rule", "SEC-1")]
    public async Task A_request_relayed_by_a_proxy_on_this_machine_or_naming_another_host_gets_404_at_the_mail_inbox()
    {
        var relayed = From("127.0.0.1", headers: new() { ["X-Forwarded-For"] = "198.51.100.4" });
        var forwarded = From("127.0.0.1", headers: new() { ["Forwarded"] = "for=198.51.100.4" });
        // A page on evil.example whose name now points at 127.0.0.1 makes the developer's browser send this.
        var rebound = From("127.0.0.1", new Uri("http://evil.example"));

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(relayed, "/dev/mails"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(forwarded, "/dev/mails"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(rebound, "/dev/mails"));
        Assert.False((await rebound.PageAsync("/login")).Has(".demo"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(From("127.0.0.1", new Uri("http://127.0.0.1:5080")), "/dev/mails"));
    }

    [Fact, Trait("Rule", "SEC-1")]
    public async Task A_failure_shows_its_stack_trace_to_a_browser_on_this_machine_only()
    {
        var developer = await From("127.0.0.1").PageAsync("/__test/throw");
        var outsider = await From("192.0.2.10").PageAsync("/__test/throw");

        Assert.Equal(HttpStatusCode.InternalServerError, developer.Status);
        Assert.Contains("secret-internal-detail", developer.Html);
        Assert.Equal(HttpStatusCode.InternalServerError, outsider.Status);
        Assert.Equal("システムエラーが発生しました", outsider.Text("main h1"));
        Assert.DoesNotContain("secret-internal-detail", outsider.Html);
        Assert.DoesNotContain("InvalidOperationException", outsider.Html);
    }

    [Fact, Trait("Rule", "SEC-1")]
    public async Task With_their_settings_off_Development_has_no_mail_inbox_and_no_demo_logins()
    {
        await using var off = app.WithWebHostBuilder(b => b
            .UseSetting("DevTools:MailInbox", "false")
            .UseSetting("DevTools:DemoLogins", "false"));
        var developer = new Visitor("127.0.0.1", Local);
        var client = new UserClient(off.CreateDefaultClient(Local, developer), developer.Cookies, Local);

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, "/dev/mails"));
        Assert.False((await client.PageAsync("/login")).Has(".demo"));
    }
}

public sealed class DevToolsTestsOnSqlite(SqliteDevelopmentApp app) : DevToolsTests(app), IClassFixture<SqliteDevelopmentApp>;

public sealed class DevToolsTestsOnPostgres(PostgresDevelopmentApp app) : DevToolsTests(app), IClassFixture<PostgresDevelopmentApp>;
