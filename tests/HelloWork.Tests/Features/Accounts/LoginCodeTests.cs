using System.Net;
using HelloWork.Web.Features.Accounts;
using static HelloWork.Tests.Features.Accounts.AccountSteps;

namespace HelloWork.Tests.Features.Accounts;

public abstract class LoginCodeTests(HelloWorkApp app)
{
    [Fact, Trait("Rule", "ACC-13")]
    public async Task The_right_password_alone_does_not_open_the_MyPage_until_the_mailed_code_is_entered()
    {
        var user = await app.CreateUserAsync(UserKind.Seeker);
        var client = app.Anonymous();

        using var password = await client.PostFormAsync("/login", Login(user.Email!, HelloWorkApp.Password), formPage: "/login", htmx: false);
        Assert.Equal("/login/code", password.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/mypage")).StatusCode);
        var page = await client.PageAsync("/login/code");
        Assert.Equal("ログインの確認", page.Text("main h1"));

        var wrong = await client.PostFormPageAsync("/login/code", [new("Code", "000000")], formPage: "/login/code");
        var letters = await client.PostFormPageAsync("/login/code", [new("Code", "１２３４５６")], formPage: "/login/code");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.Status);
        Assert.Equal("確認コードが正しくないか、有効期限（10分）が切れています。", wrong.Text("#code-code-error"));
        Assert.Equal("確認コードは半角数字6桁で入力してください。", letters.Text("#code-code-error"));
        Assert.Equal("１２３４５６", letters.Document.QuerySelector("#code-code")!.GetAttribute("value"));

        using var right = await app.EnterLoginCodeAsync(client, user.Email!, 0);
        Assert.Equal("/mypage", right.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/mypage")).StatusCode);
    }

    [Fact, Trait("Rule", "ACC-13")]
    public async Task A_code_older_than_10_minutes_does_not_sign_in()
    {
        var user = await app.CreateUserAsync(UserKind.Employer);
        var client = app.Anonymous();
        await client.PostFormAsync("/login", Login(user.Email!, HelloWorkApp.Password), formPage: "/login", htmx: false);
        var code = await app.NextLoginCodeAsync(user.Email!, 0);

        app.Clock.Advance(AuthKey.LoginCodeLifetime);
        using var late = await client.PostFormAsync("/login/code", [new("Code", code)], formPage: "/login/code", htmx: false);

        Assert.Equal("/login?done=code-expired", late.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/employer")).StatusCode);
    }

    [Fact, Trait("Rule", "ACC-13")]
    public async Task A_trusted_browser_skips_the_code_for_30_days_and_then_asks_again()
    {
        var user = await app.CreateUserAsync(UserKind.Seeker);
        var client = app.Anonymous();
        await client.PostFormAsync("/login", Login(user.Email!, HelloWorkApp.Password), formPage: "/login", htmx: false);
        using var trusted = await app.EnterLoginCodeAsync(client, user.Email!, 0, trustBrowser: true);
        Assert.Equal("/mypage", trusted.Headers.Location!.OriginalString);
        await client.PostFormAsync("/logout", [], formPage: "/mypage", htmx: false);

        app.Clock.Advance(TimeSpan.FromDays(29));
        using var again = await client.PostFormAsync("/login", Login(user.Email!, HelloWorkApp.Password), formPage: "/login", htmx: false);
        Assert.Equal("/mypage", again.Headers.Location!.OriginalString); // no code this time
        await client.PostFormAsync("/logout", [], formPage: "/mypage", htmx: false);

        using var otherBrowser = await app.Anonymous().PostFormAsync("/login", Login(user.Email!, HelloWorkApp.Password), formPage: "/login", htmx: false);
        Assert.Equal("/login/code", otherBrowser.Headers.Location!.OriginalString); // trust belongs to one browser

        app.Clock.Advance(TimeSpan.FromDays(1));
        using var expired = await client.PostFormAsync("/login", Login(user.Email!, HelloWorkApp.Password), formPage: "/login", htmx: false);
        Assert.Equal("/login/code", expired.Headers.Location!.OriginalString);
    }

    [Fact, Trait("Rule", "ACC-13")]
    public async Task Staff_sign_in_separately_without_the_mailed_code()
    {
        var staff = await app.CreateUserAsync(UserKind.Staff);

        using var response = await app.Anonymous().PostFormAsync("/staff/login", Login(staff.Email!, HelloWorkApp.Password), formPage: "/staff/login", htmx: false);

        Assert.Equal("/staff", response.Headers.Location!.OriginalString);
    }
}

public sealed class LoginCodeTestsOnSqlite(SqliteApp app) : LoginCodeTests(app), IClassFixture<SqliteApp>;

public sealed class LoginCodeTestsOnPostgres(PostgresApp app) : LoginCodeTests(app), IClassFixture<PostgresApp>;
