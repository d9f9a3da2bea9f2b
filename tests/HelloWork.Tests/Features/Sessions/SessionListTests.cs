using System.Net;
using HelloWork.Tests.Live;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Sessions;
using HelloWork.Web.Domain;

namespace HelloWork.Tests.Features.Sessions;

/// <summary>SEC-4: the person sees their sessions; a session slides on while used, ends at its absolute lifetime, and is cleaned up afterwards.</summary>
public abstract class SessionListTests(HelloWorkApp app)
{
    private static string Jst(DateTime utc) => JapanTime.ToJst(utc).ToString("yyyy/MM/dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    [Fact, Trait("Rule", "SEC-4")]
    public async Task The_list_shows_each_browser_in_plain_words_with_when_it_was_last_seen_and_marks_this_one()
    {
        var user = await app.CreateUserAsync(UserKind.Seeker);
        var phone = await app.SignInAsync(user, userAgent: SessionSteps.ChromeOnAndroid);
        var phoneSignedIn = app.Clock.UtcNow;
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        var pc = await app.SignInAsync(user, userAgent: SessionSteps.FirefoxOnWindows);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await phone.GetAsync("/mypage"); // the phone is used again: "last seen" moves on

        var page = await pc.PageAsync("/account/sessions");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["Firefox / Windows", "Chrome / Android"], page.Texts(".session-row .device"));
        Assert.Equal("Firefox / Windows", page.Text(".session-row.this-browser .device"));
        Assert.Equal("このブラウザー", page.Text(".session-row.this-browser .this-mark"));
        var phoneRow = page.Document.QuerySelectorAll(".session-row")[1];
        Assert.Equal(Jst(app.Clock.UtcNow), phoneRow.QuerySelector(".last-seen time")!.TextContent);
        Assert.Equal(Jst(phoneSignedIn), phoneRow.QuerySelector(".signed-in time")!.TextContent);
        Assert.Equal("この端末をログアウトさせる", phoneRow.QuerySelector("button")!.TextContent.Trim());
        Assert.NotNull(phoneRow.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.True(page.Has("#end-other-sessions"));
    }

    [Fact, Trait("Rule", "SEC-4")]
    public async Task The_account_settings_load_the_list_of_sessions_and_staff_have_it_too()
    {
        var (_, seeker) = await app.SignedInAsync(UserKind.Seeker);
        var settings = await seeker.PageAsync("/account/settings");
        Assert.Equal("/account/sessions", settings.Document.QuerySelector("#sessions-list")!.GetAttribute("hx-get"));

        var staffUser = await app.CreateUserAsync(UserKind.Staff);
        await app.SignInAsync(staffUser, userAgent: SessionSteps.SafariOnIPhone);
        var staff = await app.SignInAsync(staffUser);
        var list = await staff.PageAsync("/account/sessions");
        Assert.Equal(["不明な端末", "Safari / iPhone"], list.Texts(".session-row .device"));
        Assert.Equal("/account/sessions", list.Document.QuerySelector(".site-user a[href='/account/sessions']")?.GetAttribute("href"));
    }

    [Fact, Trait("Rule", "SEC-4")]
    public async Task Last_seen_is_written_at_most_once_per_five_minutes_not_on_every_request()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);
        var signedIn = app.Clock.UtcNow;

        app.Clock.Advance(TimeSpan.FromMinutes(4));
        await client.GetAsync("/mypage");
        await client.GetAsync("/notices");
        Assert.Equal(signedIn, (await app.NewestSessionAsync(seeker.Id)).LastSeenAt);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.GetAsync("/mypage");
        Assert.Equal(app.Clock.UtcNow, (await app.NewestSessionAsync(seeker.Id)).LastSeenAt);
    }

    [Fact, Trait("Rule", "SEC-4")]
    public async Task A_session_slides_on_while_used_but_ends_at_its_absolute_lifetime_even_with_activity()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);
        var end = app.Clock.GetUtcNow() + TimeSpan.FromHours(12);
        for (var i = 0; i < 7; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(90)); // less than the sliding 2 hours each time
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/mypage")).StatusCode);
        }
        app.Clock.SetUtcNow(end - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/mypage")).StatusCode);
        await using var tab = await LiveTab.OpenAsync(app, client);

        app.Clock.SetUtcNow(end);

        Assert.True(await tab.ClosesAsync(), "the live connection outlived the absolute lifetime");
        var after = await client.GetAsync("/mypage");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/login", after.Headers.Location!.OriginalString);
    }

    [Fact, Trait("Rule", "SEC-4")]
    public async Task Ended_and_expired_sessions_are_deleted_by_the_timed_rules_and_active_ones_stay()
    {
        var (loggedOut, loggedOutClient) = await app.SignedInAsync(UserKind.Seeker);
        await loggedOutClient.LogOutAsync(formPage: "/mypage");
        var (idle, _) = await app.SignedInAsync(UserKind.Employer);
        app.Clock.Advance(TimeSpan.FromMinutes(100));
        var (active, activeClient) = await app.SignedInAsync(UserKind.Seeker);
        app.Clock.Advance(TimeSpan.FromMinutes(20)); // the idle one is now past its sliding 2 hours

        var done = await app.RunTimedRulesAsync();

        Assert.True(done["sessions.expired"] >= 2);
        Assert.Empty(await app.SessionsOfAsync(loggedOut.Id));
        Assert.Empty(await app.SessionsOfAsync(idle.Id));
        Assert.Single(await app.SessionsOfAsync(active.Id));
        Assert.Equal(HttpStatusCode.OK, (await activeClient.GetAsync("/mypage")).StatusCode);
    }
}

public sealed class SessionListTestsOnSqlite(SqliteApp app) : SessionListTests(app), IClassFixture<SqliteApp>;

public sealed class SessionListTestsOnPostgres(PostgresApp app) : SessionListTests(app), IClassFixture<PostgresApp>;

public sealed class DeviceNameTests
{
    [Theory, Trait("Rule", "SEC-4")]
    [InlineData(SessionSteps.ChromeOnAndroid, "Chrome / Android")]
    [InlineData(SessionSteps.FirefoxOnWindows, "Firefox / Windows")]
    [InlineData(SessionSteps.SafariOnIPhone, "Safari / iPhone")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge / Windows")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", "Safari / Mac")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1", "Chrome / iPhone")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", "Chrome / Linux")]
    [InlineData("curl/8.5.0", null)]
    [InlineData("", null)]
    public void A_user_agent_is_named_in_plain_words(string userAgent, string? expected) =>
        Assert.Equal(expected, DeviceNames.Describe(userAgent));
}
