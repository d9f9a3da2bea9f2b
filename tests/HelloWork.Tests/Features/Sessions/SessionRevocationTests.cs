using System.Net;
using HelloWork.Tests.Live;
using HelloWork.Web.Features.Accounts;
using static HelloWork.Tests.Features.Accounts.AccountSteps;

namespace HelloWork.Tests.Features.Sessions;

/// <summary>
/// SEC-4: a sign-in lives on the server, so ending it ends every copy of its cookie at once, and
/// the live connections opened with it close.
/// </summary>
public abstract class SessionRevocationTests(HelloWorkApp app)
{
    [Fact, Trait("Rule", "SEC-4")]
    public async Task A_staff_cookie_replayed_after_logout_no_longer_opens_the_staff_pages_nor_the_hub()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var copied = staff.CookieHeader;
        Assert.Equal(HttpStatusCode.OK, (await app.ReplayAsync(copied, "/staff")).StatusCode);

        await staff.LogOutAsync(formPage: "/staff");

        var replayed = await app.ReplayAsync(copied, "/staff");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/staff/login", replayed.Headers.Location!.OriginalString);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => LiveConnections.OverTestServer(app.Server, copied).StartAsync());
        Assert.Contains("401", refused.ToString());
    }

    [Fact, Trait("Rule", "SEC-4")]
    public async Task Logging_out_closes_the_live_connections_opened_with_that_sign_in_and_no_other()
    {
        var (seeker, here) = await app.SignedInAsync(UserKind.Seeker);
        var elsewhere = await app.SignInAsync(seeker);
        await using var hereTab = await LiveTab.OpenAsync(app, here);
        await using var elsewhereTab = await LiveTab.OpenAsync(app, elsewhere);

        await here.LogOutAsync(formPage: "/mypage");

        Assert.Equal("SessionEnded", (await hereTab.NextAsync()).Event);
        Assert.True(await hereTab.ClosesAsync(), "the logged-out tab's connection stayed open");
        Assert.False(elsewhereTab.Closed.IsCompleted);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/mypage")).StatusCode);
    }

    [Fact, Trait("Rule", "SEC-4")]
    public async Task Changing_the_password_ends_every_other_session_at_once_and_closes_its_live_connection()
    {
        var (seeker, here) = await app.SignedInAsync(UserKind.Seeker);
        var elsewhere = await app.SignInAsync(seeker);
        var copied = elsewhere.CookieHeader;
        await using var hereTab = await LiveTab.OpenAsync(app, here);
        await using var elsewhereTab = await LiveTab.OpenAsync(app, elsewhere);

        var changed = await here.PostFormPageAsync("/account/settings/password",
            [new("CurrentPassword", HelloWorkApp.Password), new("Password", "Aozora-88ki"), new("PasswordConfirm", "Aozora-88ki")], formPage: "/account/settings");

        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.True(await elsewhereTab.ClosesAsync(), "the other browser's live connection stayed open");
        Assert.Equal(HttpStatusCode.Redirect, (await app.ReplayAsync(copied, "/mypage")).StatusCode);
        var sessions = await app.SessionsOfAsync(seeker.Id);
        Assert.Equal(1, sessions.Count(s => s.EndedAt is null));
        // This browser stays signed in, and its live connection stays open.
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/mypage")).StatusCode);
        Assert.False(hereTab.Closed.IsCompleted);
    }

    [Fact, Trait("Rule", "SEC-4")]
    public async Task A_password_reset_ends_every_session_of_the_account_and_closes_their_live_connections()
    {
        var (seeker, browser) = await app.SignedInAsync(UserKind.Seeker);
        var copied = browser.CookieHeader;
        await using var tab = await LiveTab.OpenAsync(app, browser);
        var anonymous = app.Anonymous();
        await anonymous.PostFormAsync("/password/reset", [new("Email", seeker.Email!)], formPage: "/password/reset");
        var key = KeyIn(await app.MailAsync(seeker.Email!, Mail4));

        using var reset = await anonymous.PostFormAsync("/password/reset/key",
            [new("Email", seeker.Email!), new("Key", key), new("Password", "Hoshi-zora42"), new("PasswordConfirm", "Hoshi-zora42")], formPage: "/password/reset/key", htmx: false);

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.True(await tab.ClosesAsync(), "the live connection stayed open after the reset");
        Assert.Equal(HttpStatusCode.Redirect, (await app.ReplayAsync(copied, "/mypage")).StatusCode);
        Assert.All(await app.SessionsOfAsync(seeker.Id), s => Assert.NotNull(s.EndedAt));
    }

    [Fact, Trait("Rule", "SEC-4")]
    public async Task Ending_a_session_from_the_list_signs_that_browser_out_at_once_and_closes_its_live_connection()
    {
        var user = await app.CreateUserAsync(UserKind.Employer);
        var phone = await app.SignInAsync(user, userAgent: SessionSteps.ChromeOnAndroid);
        var phoneSession = await app.NewestSessionAsync(user.Id);
        var pc = await app.SignInAsync(user, userAgent: SessionSteps.FirefoxOnWindows);
        await using var phoneTab = await LiveTab.OpenAsync(app, phone);

        var page = await pc.PostFormPageAsync($"/account/sessions/{phoneSession.Id}/end", [], formPage: "/account/sessions");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("選んだ端末をログアウトさせました。", page.Text("#sessions-list .success"));
        Assert.Equal(["Firefox / Windows"], page.Texts(".session-row .device"));
        Assert.Equal("SessionEnded", (await phoneTab.NextAsync()).Event);
        Assert.True(await phoneTab.ClosesAsync(), "the ended session's live connection stayed open");
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/employer")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pc.GetAsync("/employer")).StatusCode);
    }

    [Fact, Trait("Rule", "SEC-4")]
    public async Task Ending_this_browsers_own_session_from_the_list_is_a_logout()
    {
        var (seeker, browser) = await app.SignedInAsync(UserKind.Seeker);
        var session = await app.NewestSessionAsync(seeker.Id);
        var copied = browser.CookieHeader;

        using var response = await browser.PostFormAsync($"/account/sessions/{session.Id}/end", [], formPage: "/account/sessions", htmx: false);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.ReplayAsync(copied, "/mypage")).StatusCode);
        Assert.NotNull((await app.NewestSessionAsync(seeker.Id)).EndedAt);
    }

    [Fact, Trait("Rule", "SEC-4")]
    public async Task Another_persons_session_id_answers_404_and_ends_nothing()
    {
        var (victim, victimClient) = await app.SignedInAsync(UserKind.Seeker);
        var victimSession = await app.NewestSessionAsync(victim.Id);
        var (_, other) = await app.SignedInAsync(UserKind.Seeker);

        using var response = await other.PostFormAsync($"/account/sessions/{victimSession.Id}/end", [], formPage: "/account/sessions");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null((await app.NewestSessionAsync(victim.Id)).EndedAt);
        Assert.Equal(HttpStatusCode.OK, (await victimClient.GetAsync("/mypage")).StatusCode);
    }

    [Fact, Trait("Rule", "SEC-4")]
    public async Task Signing_out_every_other_browser_keeps_this_one()
    {
        var (seeker, here) = await app.SignedInAsync(UserKind.Seeker);
        var second = await app.SignInAsync(seeker);
        var third = await app.SignInAsync(seeker);
        await using var secondTab = await LiveTab.OpenAsync(app, second);

        var page = await here.PostFormPageAsync("/account/sessions/end-others", [], formPage: "/account/sessions");

        Assert.Equal("ほかの端末をすべてログアウトさせました。", page.Text("#sessions-list .success"));
        Assert.Single(page.Texts(".session-row"));
        Assert.True(page.Has(".session-row.this-browser"));
        Assert.False(page.Has("#end-other-sessions"));
        Assert.True(await secondTab.ClosesAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/mypage")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await third.GetAsync("/mypage")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/mypage")).StatusCode);
    }

    [Fact, Trait("Rule", "SEC-4")]
    public async Task Signing_in_in_a_browser_that_holds_a_session_starts_a_new_one_and_ends_the_old()
    {
        var first = await app.CreateUserAsync(UserKind.Seeker, "先に ログイン");
        var second = await app.CreateUserAsync(UserKind.Seeker, "後から ログイン");
        var browser = await app.SignInAsync(first);
        var before = browser.CookieHeader;
        var firstSession = await app.NewestSessionAsync(first.Id);

        var codesBefore = app.LoginCodesTo(second.Email!);
        using var login = await browser.PostFormAsync("/login", Login(second.Email!, HelloWorkApp.Password), formPage: "/login", htmx: false);
        Assert.Equal("/login/code", login.Headers.Location!.OriginalString);
        using var confirmed = await app.EnterLoginCodeAsync(browser, second.Email!, codesBefore);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);

        Assert.NotEqual(before, browser.CookieHeader);
        Assert.Contains("後から ログイン", (await browser.PageAsync("/mypage")).Html);
        Assert.NotNull((await app.NewestSessionAsync(first.Id)).EndedAt);
        Assert.Equal(HttpStatusCode.Redirect, (await app.ReplayAsync(before, "/mypage")).StatusCode);
        Assert.NotEqual(firstSession.Id, (await app.NewestSessionAsync(second.Id)).Id);
    }
}

public sealed class SessionRevocationTestsOnSqlite(SqliteApp app) : SessionRevocationTests(app), IClassFixture<SqliteApp>;

public sealed class SessionRevocationTestsOnPostgres(PostgresApp app) : SessionRevocationTests(app), IClassFixture<PostgresApp>;
