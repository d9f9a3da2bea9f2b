using System.Net;
using HelloWork.Web.Features.Accounts;

namespace HelloWork.Tests.Http;

public abstract class PagesTests(HelloWorkApp app)
{
    public static TheoryData<string, UserKind?, string> Routes => new()
    {
        { "/", null, "仕事を探す方、人材を募集する事業所の方のためのマイページです。" },
        { "/login", null, "ログイン（求職者・求人者）" },
        { "/staff/login", null, "職員ログイン" },
        { "/mypage", UserKind.Seeker, "求職者マイページ" },
        { "/notices", UserKind.Seeker, "お知らせ" },
        { "/notices", UserKind.Employer, "お知らせ" },
        { "/employer", UserKind.Employer, "求人者マイページ" },
        { "/staff", UserKind.Staff, "職員メニュー" },
        { "/staff/notices/new", UserKind.Staff, "お知らせを送る" },
        { "/staff/accounts/new", UserKind.Staff, "アカウントの作成" },
        { "/mypage/profile", UserKind.Seeker, "求職情報" },
        { "/mypage/profile/preview", UserKind.Seeker, "求職情報のプレビュー" },
        { "/staff/seekers/notes/new", UserKind.Staff, "求職登録への追記" },
        { "/jobs", null, "求人検索" },
        { "/jobs", UserKind.Seeker, "求人検索" },
        { "/jobs?kw=%E4%BB%8B%E8%AD%B7&pref=13&sort=deadline", UserKind.Employer, "求人検索" },
    };

    private async Task<UserClient> ClientAsync(UserKind? kind) => kind is null ? app.Anonymous() : (await app.SignedInAsync(kind.Value)).Client;

    [Theory, MemberData(nameof(Routes))]
    public async Task Every_page_renders_in_Japanese_for_its_user(string url, UserKind? kind, string heading)
    {
        var client = await ClientAsync(kind);

        var page = await client.PageAsync(url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(heading, page.Document.QuerySelector("main")!.TextContent);
        Assert.Equal("ja", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.True(page.Has("meta[name=viewport]"), "usable on a phone");
        Assert.True(page.Has("a.skip-link[href='#main']"), "keyboard users can skip the header");
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task Every_page_answers_htmx_with_its_fragment_and_says_so_in_Vary(string url, UserKind? kind, string heading)
    {
        var client = await ClientAsync(kind);

        var full = await client.PageAsync(url);
        var fragment = await client.PageAsync(url, htmx: true);

        Assert.StartsWith("<!doctype html>", full.Html);
        Assert.DoesNotContain("<html", fragment.Html);
        Assert.Contains(heading, fragment.Html);
        Assert.Contains("HX-Request", full.Header("Vary"));
        Assert.Contains("HX-Request", fragment.Header("Vary"));
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task A_history_restore_request_gets_the_whole_page_though_it_comes_from_htmx(string url, UserKind? kind, string heading)
    {
        var client = await ClientAsync(kind);
        // htmx missed its history cache after Back and swaps the answer in as the whole body.
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("HX-History-Restore-Request", "true");

        using var response = await client.Http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("<!doctype html>", html);
        Assert.Contains(heading, html);
        Assert.Contains("HX-Request", response.Headers.Vary);
    }

    [Theory]
    [InlineData("/mypage", "/login?returnUrl=%2Fmypage")]
    [InlineData("/notices", "/login?returnUrl=%2Fnotices")]
    [InlineData("/staff/notices/new", "/staff/login?returnUrl=%2Fstaff%2Fnotices%2Fnew")]
    public async Task Signed_out_visitors_are_sent_to_the_right_login(string url, string login)
    {
        using var response = await app.Anonymous().GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(login, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task English_is_one_click_away_and_remembered()
    {
        var client = app.Anonymous();

        var english = await client.PageAsync("/login?lang=en");
        var next = await client.PageAsync("/");

        Assert.Equal("Sign in (job seekers, employers)", english.Text("main h1"));
        Assert.Equal("en", next.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("日本語", next.Text("a.lang-switch"));
    }

    [Fact]
    public async Task An_unknown_page_is_a_friendly_404()
    {
        var page = await app.Anonymous().PageAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("ページが見つかりません", page.Text("main h1"));
    }

    [Fact]
    public async Task A_failure_inside_the_app_shows_a_friendly_page_and_no_stack_trace()
    {
        var page = await app.Anonymous().PageAsync("/__test/throw");

        Assert.Equal(HttpStatusCode.InternalServerError, page.Status);
        Assert.Equal("システムエラーが発生しました", page.Text("main h1"));
        Assert.DoesNotContain("secret-internal-detail", page.Html);
        Assert.DoesNotContain("InvalidOperationException", page.Html);
        Assert.DoesNotContain(".cs:line", page.Html);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        var seeker = await app.CreateUserAsync(UserKind.Seeker);
        var client = app.Anonymous();
        await client.PageAsync("/login");

        using var response = await client.Http.PostAsync("/login", new FormUrlEncodedContent([new("Email", seeker.Email!), new("Password", HelloWorkApp.Password)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("Antiforgery", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/mypage")).StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/login")]
    [InlineData("/no-such-page")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        using var response = await app.Anonymous().GetAsync(url);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Outside_Development_there_is_no_mail_page_and_no_demo_login_list()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);

        Assert.Equal(HttpStatusCode.NotFound, (await staff.PageAsync("/dev/mails")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PageAsync("/staff/dev/mails")).Status);
        Assert.False((await app.Anonymous().PageAsync("/login")).Has(".demo"));
    }

    [Fact]
    public async Task Healthz_checks_the_database()
    {
        using var response = await app.Anonymous().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"status\":\"ok\"", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/lib/htmx.min.js", "htmx")]
    [InlineData("/lib/signalr.min.js", "signalR")]
    [InlineData("/js/app.js", "live-reconnected")]
    [InlineData("/css/site.css", "--brand")]
    [InlineData("/favicon.svg", "<svg")]
    public async Task Front_end_files_are_served_from_the_build(string url, string snippet)
    {
        using var response = await app.Anonymous().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(snippet, await response.Content.ReadAsStringAsync());
    }
}

public sealed class PagesTestsOnSqlite(SqliteApp app) : PagesTests(app), IClassFixture<SqliteApp>;

public sealed class PagesTestsOnPostgres(PostgresApp app) : PagesTests(app), IClassFixture<PostgresApp>;
