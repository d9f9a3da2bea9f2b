using System.Net;
using HelloWork.Web.Features.Accounts;

namespace HelloWork.Tests.Features.Accounts;

/// <summary>
/// SEC-2 end to end: a return URL given to the login page is followed after the password and the
/// mailed code only when it is a path of this site, on the page path and on the htmx path alike.
/// The values are posted as an attacker would post them (the hidden field is the client's to fill).
/// </summary>
public abstract class ReturnAfterSignInTests(HelloWorkApp app)
{
    public static TheoryData<string, string, bool> Targets()
    {
        var data = new TheoryData<string, string, bool>();
        (string Url, string Expected)[] cases =
        [
            ("/\t/evil.example/phish", "/mypage"), // the probe: Location was "/\t/evil.example/phish"
            ("/\r\n/evil.example", "/mypage"), // was a 500
            ("/\\evil.example", "/mypage"),
            ("//evil.example/phish", "/mypage"),
            ("/%2F/evil.example", "/mypage"),
            ("https://evil.example/phish", "/mypage"),
            ("javascript:alert(1)", "/mypage"),
            ("/messages/search?q=%E6%97%A5%E6%9C%AC&page=2", "/messages/search?q=%E6%97%A5%E6%9C%AC&page=2"),
        ];
        foreach (var (url, expected) in cases)
        {
            data.Add(url, expected, false);
            data.Add(url, expected, true);
        }
        return data;
    }

    [Theory, MemberData(nameof(Targets)), Trait("Rule", "SEC-2"), Trait("Rule", "ACC-13")]
    public async Task After_the_password_and_the_mailed_code_only_a_path_of_this_site_is_followed(string returnUrl, string expected, bool htmx)
    {
        var user = await app.CreateUserAsync(UserKind.Seeker);
        var client = app.Anonymous();

        using var password = await client.PostFormAsync("/login",
            [new("Email", user.Email!), new("Password", HelloWorkApp.Password), new("ReturnUrl", returnUrl)],
            formPage: "/login?returnUrl=" + Uri.EscapeDataString(returnUrl), htmx: htmx);
        Assert.Equal("/login/code", RedirectOf(password, htmx));
        var code = await app.NextLoginCodeAsync(user.Email!, 0);
        using var confirmed = await client.PostFormAsync("/login/code", [new("Code", code)], formPage: "/login/code", htmx: htmx);

        Assert.Equal(expected, RedirectOf(confirmed, htmx));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/mypage")).StatusCode);
    }

    [Theory, Trait("Rule", "SEC-2"), Trait("Rule", "ACC-11")]
    [InlineData("//evil.example/phish", "/staff", false)]
    [InlineData("/\t/evil.example", "/staff", true)]
    [InlineData("/staff/notices/new?to=seeker%40test.example", "/staff/notices/new?to=seeker%40test.example", false)]
    public async Task The_staff_sign_in_follows_only_a_path_of_this_site_too(string returnUrl, string expected, bool htmx)
    {
        var staff = await app.CreateUserAsync(UserKind.Staff);

        using var response = await app.Anonymous().PostFormAsync("/staff/login",
            [new("Email", staff.Email!), new("Password", HelloWorkApp.Password), new("ReturnUrl", returnUrl)],
            formPage: "/staff/login?returnUrl=" + Uri.EscapeDataString(returnUrl), htmx: htmx);

        Assert.Equal(expected, RedirectOf(response, htmx));
    }

    [Theory, Trait("Rule", "SEC-2")]
    [InlineData("/login?returnUrl=%2F%09%2Fevil.example%2Fphish", "")]
    [InlineData("/login?returnUrl=%2F%0D%0A%2Fevil.example", "")]
    [InlineData("/login?returnUrl=https%3A%2F%2Fevil.example", "")]
    [InlineData("/staff/login?returnUrl=%2F%2Fevil.example", "")]
    [InlineData("/login?returnUrl=%2Fnotices%3Fpage%3D2", "/notices?page=2")]
    public async Task The_login_page_carries_only_a_path_of_this_site_in_its_hidden_field(string url, string carried)
    {
        var page = await app.Anonymous().PageAsync(url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(carried, page.Document.QuerySelector("input[name=ReturnUrl]")!.GetAttribute("value"));
    }

    /// <summary>Where the answer sends the browser: Location on the page path, HX-Redirect (with 204) on the htmx path.</summary>
    private static string RedirectOf(HttpResponseMessage response, bool htmx)
    {
        if (htmx)
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            return response.Headers.GetValues("HX-Redirect").Single();
        }
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }
}

public sealed class ReturnAfterSignInTestsOnSqlite(SqliteApp app) : ReturnAfterSignInTests(app), IClassFixture<SqliteApp>;

public sealed class ReturnAfterSignInTestsOnPostgres(PostgresApp app) : ReturnAfterSignInTests(app), IClassFixture<PostgresApp>;
