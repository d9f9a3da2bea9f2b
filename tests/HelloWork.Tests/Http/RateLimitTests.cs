using System.Net;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Http;
using static HelloWork.Tests.Features.Accounts.AccountSteps;

namespace HelloWork.Tests.Http;

/// <summary>SEC-5: ASP.NET Core's rate limiter, per client address and per target account, with every limit as shipped.</summary>
public abstract class RateLimitTests(HelloWorkApp app)
{
    private static readonly WindowLimit SignIn = new RateLimitOptions().SignIn;

    private static async Task<HttpResponseMessage> SignInAsync(UserClient client, string email, bool htmx = false) =>
        await client.PostFormAsync("/login", Login(email, "Wrong-pass1"), formPage: "/login", htmx: htmx);

    /// <summary>Uses up the address's sign-ins of this window, each on another account.</summary>
    private static async Task UseUpAsync(UserClient client)
    {
        for (var i = 0; i < SignIn.PerAddress; i++)
        {
            using var response = await SignInAsync(client, NewEmail("guess"));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        }
    }

    [Fact, Trait("Rule", "SEC-5")]
    public async Task The_11th_sign_in_from_one_address_within_a_minute_gets_429_in_Japanese_and_another_address_is_not_affected()
    {
        Assert.Equal(10, SignIn.PerAddress);
        var attacker = app.Anonymous("198.51.100.7");
        await UseUpAsync(attacker);

        using var eleventh = await SignInAsync(attacker, NewEmail("guess"));
        var page = await Page.ReadAsync(eleventh);
        using var neighbour = await SignInAsync(app.Anonymous("198.51.100.8"), NewEmail("guess"));

        Assert.Equal(HttpStatusCode.TooManyRequests, page.Status);
        Assert.Equal("試行回数が多すぎます", page.Text("main h1"));
        Assert.StartsWith("短い時間に何度も試されたため、受け付けを一時的に止めています。約1分後", page.Text("#too-many [role=alert]"));
        var retryAfter = int.Parse(page.Header("Retry-After")!);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, neighbour.StatusCode);

        // The window is judged on the app's clock: when it has passed, the address may try again.
        app.Clock.Advance(TimeSpan.FromSeconds(retryAfter));
        using var later = await SignInAsync(attacker, NewEmail("guess"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, later.StatusCode);
    }

    [Fact, Trait("Rule", "SEC-5")]
    public async Task The_answer_over_the_limit_is_in_English_for_a_person_who_chose_English()
    {
        var attacker = app.Anonymous("198.51.100.9");
        await attacker.GetAsync("/login?lang=en");
        await UseUpAsync(attacker);

        var page = await Page.ReadAsync(await SignInAsync(attacker, NewEmail("guess")));

        Assert.Equal(HttpStatusCode.TooManyRequests, page.Status);
        Assert.Equal("Too many tries", page.Text("main h1"));
        Assert.StartsWith("There were many tries in a short time, so we have paused taking them. Please try again in about 1 minutes", page.Text("#too-many [role=alert]"));
        Assert.NotNull(page.Header("Retry-After"));
    }

    [Fact, Trait("Rule", "SEC-5")]
    public async Task Many_tries_on_one_account_from_many_addresses_are_limited_too_and_other_accounts_are_not()
    {
        var user = await app.CreateUserAsync(UserKind.Seeker);
        for (var i = 0; i < SignIn.PerAccount; i++)
        {
            using var response = await SignInAsync(app.Anonymous($"203.0.113.{i + 1}"), user.Email!.ToUpperInvariant());
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        }

        var fresh = app.Anonymous("203.0.113.200");
        using var onTheAccount = await SignInAsync(fresh, " " + user.Email); // the same account however it is typed
        using var onAnother = await SignInAsync(fresh, NewEmail("other"));

        Assert.Equal(HttpStatusCode.TooManyRequests, onTheAccount.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, onAnother.StatusCode);
    }

    [Fact, Trait("Rule", "SEC-5")]
    public async Task An_unknown_address_is_limited_like_an_existing_one_so_the_limit_reveals_nothing()
    {
        var user = await app.CreateUserAsync(UserKind.Seeker);
        var unknown = NewEmail("nobody");
        var statuses = new List<(HttpStatusCode Known, HttpStatusCode Unknown)>();
        for (var i = 0; i <= SignIn.PerAccount; i++)
        {
            using var known = await SignInAsync(app.Anonymous($"192.0.2.{i + 1}"), user.Email!);
            using var other = await SignInAsync(app.Anonymous($"192.0.2.{i + 101}"), unknown);
            statuses.Add((known.StatusCode, other.StatusCode));
        }

        Assert.All(statuses, s => Assert.Equal(s.Known, s.Unknown));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1].Known);
    }

    [Fact, Trait("Rule", "SEC-5")]
    public async Task An_htmx_request_over_the_limit_gets_a_message_for_the_page_s_message_area_so_the_form_keeps_what_was_typed()
    {
        var attacker = app.Anonymous("198.51.100.10");
        await UseUpAsync(attacker);

        using var response = await SignInAsync(attacker, NewEmail("guess"), htmx: true);
        var fragment = await Page.ReadAsync(response);

        Assert.Equal(HttpStatusCode.TooManyRequests, fragment.Status);
        Assert.Equal("#toast", fragment.Header("HX-Retarget"));
        Assert.Equal("outerHTML", fragment.Header("HX-Reswap"));
        Assert.Equal("#toast", fragment.Header("HX-Reselect"));
        Assert.DoesNotContain("<main", fragment.Html);
        Assert.StartsWith("試行回数が多すぎます", fragment.Text("#toast[role=alert]"));
        Assert.NotNull(fragment.Header("Retry-After"));
        // htmx swaps a 429 (the layout's htmx-config), which it would not by default.
        Assert.Contains("{\"code\":\"429\",\"swap\":true}", (await app.Anonymous().PageAsync("/login")).Html);
    }

    [Fact, Trait("Rule", "SEC-5"), Trait("Rule", "ACC-13")]
    public async Task Sign_in_codes_are_limited_per_address_and_per_login()
    {
        var user = await app.CreateUserAsync(UserKind.Seeker);
        var client = app.Anonymous("198.51.100.11");
        using var password = await client.PostFormAsync("/login", Login(user.Email!, HelloWorkApp.Password), formPage: "/login", htmx: false);
        Assert.Equal("/login/code", password.Headers.Location!.OriginalString);
        var limit = new RateLimitOptions().LoginCode.PerAccount;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= limit; i++)
        {
            using var response = await client.PostFormAsync("/login/code", [new("Code", "12345")], formPage: "/login/code"); // a malformed code: no lock
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses[..^1], s => Assert.Equal(HttpStatusCode.UnprocessableEntity, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Theory, Trait("Rule", "SEC-5")]
    [InlineData("/login", RateLimits.SignIn)]
    [InlineData("/staff/login", RateLimits.SignIn)]
    [InlineData("/account/reregister", RateLimits.SignIn)]
    [InlineData("/account/settings/email", RateLimits.SignIn)]
    [InlineData("/account/settings/password", RateLimits.SignIn)]
    [InlineData("/login/code", RateLimits.LoginCode)]
    [InlineData("/password/reset", RateLimits.KeyRequest)]
    [InlineData("/mypage/open", RateLimits.KeyRequest)]
    [InlineData("/signup", RateLimits.KeyRequest)]
    [InlineData("/employer/signup", RateLimits.KeyRequest)]
    [InlineData("/employer/establishment/invite", RateLimits.KeyRequest)]
    [InlineData("/password/reset/key", RateLimits.KeyEntry)]
    [InlineData("/mypage/open/key", RateLimits.KeyEntry)]
    [InlineData("/signup/key", RateLimits.KeyEntry)]
    [InlineData("/employer/signup/key", RateLimits.KeyEntry)]
    [InlineData("/account/reregister/key", RateLimits.KeyEntry)]
    [InlineData("/employer/establishment/join", RateLimits.KeyEntry)]
    public void Every_endpoint_where_something_can_be_guessed_or_mailed_carries_its_limit(string route, string policy)
    {
        var endpoints = app.Service<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints.OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => "/" + e.RoutePattern.RawText!.TrimStart('/') == route
                && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .ToList();

        var endpoint = Assert.Single(endpoints);
        Assert.Equal(policy, endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>()?.PolicyName);
    }
}

public sealed class RateLimitTestsOnSqlite(ShippedLimitsSqliteApp app) : RateLimitTests(app), IClassFixture<ShippedLimitsSqliteApp>;

public sealed class RateLimitTestsOnPostgres(ShippedLimitsPostgresApp app) : RateLimitTests(app), IClassFixture<ShippedLimitsPostgresApp>;
