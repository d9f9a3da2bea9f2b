using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using HelloWork.Tests.Features.Messages;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Messages;
using HelloWork.Web.Http;
using HelloWork.Web.Live;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Tests.Http;

/// <summary>
/// SEC-3: every endpoint that takes an unsafe method is read from the app's endpoint data source
/// and refuses a request without a token, and one with another person's token; so a new endpoint
/// cannot forget it. The live hub is the one reviewed exemption.
/// </summary>
public abstract partial class EndpointAntiforgeryTests(HelloWorkApp app)
{
    private const string Refused = "このページの有効期限が切れました";

    public sealed record Target(string Method, string Path, UserKind Kind, bool Anonymous);

    /// <summary>Every route endpoint that takes POST, PUT, PATCH or DELETE (or any method), except the exempt ones.</summary>
    private IReadOnlyList<Target> UnsafeEndpoints() =>
        [.. RouteEndpoints().Where(e => !AntiforgeryGuard.IsExempt(e)).Select(e => new Target(
            UnsafeMethod(e)!, SamplePath(e), KindFor(e), e.Metadata.GetMetadata<IAuthorizeData>() is null))];

    private IEnumerable<RouteEndpoint> RouteEndpoints() =>
        app.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(e => UnsafeMethod(e) is not null);

    private static string? UnsafeMethod(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { } methods
            ? methods.FirstOrDefault(AntiforgeryGuard.IsUnsafe)
            : HttpMethods.Post; // an endpoint for every method takes POST too

    /// <summary>The route with every parameter filled in ({id:long} → 1); the handler never runs, so it need not exist.</summary>
    private static string SamplePath(RouteEndpoint endpoint) => "/" + Parameter().Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), "1");

    /// <summary>A person the endpoint's authorization lets through, so what refuses is the token and not the sign-in.</summary>
    private static UserKind KindFor(Endpoint endpoint)
    {
        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
        return policies.Contains(Policies.Staff) ? UserKind.Staff : policies.Contains(Policies.Employer) ? UserKind.Employer : UserKind.Seeker;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();

    [Fact, Trait("Rule", "SEC-3")]
    public void The_endpoints_that_take_unsafe_methods_are_found_and_only_the_live_hub_is_exempt()
    {
        var targets = UnsafeEndpoints();
        var exempt = RouteEndpoints().Where(AntiforgeryGuard.IsExempt).Select(e => e.RoutePattern.RawText!).Distinct().Order().ToList();

        Assert.Contains(targets, t => t.Path == "/account/withdraw");
        Assert.Contains(targets, t => t.Path == "/logout");
        Assert.Contains(targets, t => t.Path == "/messages/1/unread");
        Assert.True(targets.Count >= 30, $"only {targets.Count} unsafe endpoints found");
        Assert.Equal([LiveHub.Path, LiveHub.Path + "/negotiate"], exempt);
    }

    [Fact, Trait("Rule", "SEC-3")]
    public async Task Every_unsafe_endpoint_refuses_a_request_without_a_token()
    {
        var clients = await ClientsAsync();
        var anonymous = app.Anonymous();
        await anonymous.PageAsync("/login"); // has its antiforgery cookie, like any visitor

        foreach (var target in UnsafeEndpoints())
        {
            await AssertRefusedAsync(clients[target.Kind], target, token: null);
            if (target.Anonymous) await AssertRefusedAsync(anonymous, target, token: null);
        }
    }

    [Fact, Trait("Rule", "SEC-3")]
    public async Task Every_unsafe_endpoint_refuses_another_persons_token()
    {
        var clients = await ClientsAsync();
        var other = (await app.SignedInAsync(UserKind.Seeker)).Client;
        var othersToken = await TokenAsync(other, "/account/settings");

        foreach (var target in UnsafeEndpoints())
        {
            await AssertRefusedAsync(clients[target.Kind], target, othersToken);
        }
    }

    [Fact, Trait("Rule", "SEC-3"), Trait("Rule", "ACC-6")]
    public async Task A_foreign_site_cannot_withdraw_a_seeker()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);

        await AssertRefusedAsync(client, new("POST", "/account/withdraw", UserKind.Seeker, false), token: null);

        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.Id == seeker.Id).Select(u => u.WithdrawnAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/settings")).StatusCode);
    }

    [Fact, Trait("Rule", "SEC-3")]
    public async Task A_foreign_site_cannot_sign_a_person_out()
    {
        var (_, client) = await app.SignedInAsync(UserKind.Employer);

        await AssertRefusedAsync(client, new("POST", "/logout", UserKind.Employer, false), token: null);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/employer")).StatusCode);
    }

    [Fact, Trait("Rule", "SEC-3"), Trait("Rule", "BEY-8")]
    public async Task A_foreign_site_cannot_mark_a_thread_unread()
    {
        var pair = await Messaging.PairAsync(app);
        await pair.EmployerClient.PostFormAsync($"/messages/{pair.ThreadId}", [new("Body", "面接の日程について"), new("Key", Guid.NewGuid().ToString("N"))],
            formPage: $"/messages/{pair.ThreadId}");
        await pair.SeekerClient.GetAsync($"/messages/{pair.ThreadId}"); // read
        var readBefore = await ReadSeqAsync(pair.ThreadId, pair.Seeker.Id);

        await AssertRefusedAsync(pair.SeekerClient, new("POST", $"/messages/{pair.ThreadId}/unread", UserKind.Seeker, false), token: null);

        Assert.True(readBefore > 0);
        Assert.Equal(readBefore, await ReadSeqAsync(pair.ThreadId, pair.Seeker.Id));
    }

    [Theory, Trait("Rule", "SEC-3")]
    [InlineData("ja", "このページの有効期限が切れました", "ページを読み込み直してから")]
    [InlineData("en", "This page has expired", "Please reload the page")]
    public async Task A_refused_request_says_why_in_the_persons_language_and_htmx_shows_it_too(string lang, string heading, string advice)
    {
        var (_, client) = await app.SignedInAsync(UserKind.Seeker);
        await client.PageAsync($"/account/settings?lang={lang}");

        using var page = new HttpRequestMessage(HttpMethod.Post, "/logout") { Content = new FormUrlEncodedContent([]) };
        var refused = await Page.ReadAsync(await client.Http.SendAsync(page));
        using var fragment = new HttpRequestMessage(HttpMethod.Post, "/account/settings/password") { Content = new FormUrlEncodedContent([]) };
        fragment.Headers.Add("HX-Request", "true");
        using var htmx = await client.Http.SendAsync(fragment);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(heading, refused.Text("main h1"));
        Assert.Contains(advice, refused.Text("main"));
        Assert.DoesNotContain("Antiforgery", refused.Html);
        Assert.Equal(HttpStatusCode.BadRequest, htmx.StatusCode);
        using var trigger = JsonDocument.Parse(htmx.Headers.GetValues("HX-Trigger").Single());
        Assert.Contains(advice, trigger.RootElement.GetProperty(AntiforgeryGuard.RefusedEvent).GetProperty("message").GetString());
    }

    private async Task<Dictionary<UserKind, UserClient>> ClientsAsync() => new()
    {
        [UserKind.Seeker] = (await app.SignedInAsync(UserKind.Seeker)).Client,
        [UserKind.Employer] = (await app.SignedInAsync(UserKind.Employer)).Client,
        [UserKind.Staff] = (await app.SignedInAsync(UserKind.Staff)).Client,
    };

    private static async Task<string> TokenAsync(UserClient client, string page) =>
        (await client.PageAsync(page)).Document.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;

    /// <summary>Sends the request a foreign page could make (a form post, or with the header htmx uses) and expects the refusal page.</summary>
    private static async Task AssertRefusedAsync(UserClient client, Target target, string? token)
    {
        List<KeyValuePair<string, string>> fields = [new("Body", "x"), new("Email", "someone@test.example")];
        if (token is not null) fields.Add(new("__RequestVerificationToken", token));
        using var request = new HttpRequestMessage(new HttpMethod(target.Method), target.Path) { Content = new FormUrlEncodedContent(fields) };
        if (token is not null) request.Headers.Add("RequestVerificationToken", token);

        var page = await Page.ReadAsync(await client.Http.SendAsync(request));

        Assert.True(page.Status == HttpStatusCode.BadRequest && page.Html.Contains(Refused),
            $"{target.Method} {target.Path} as {(target.Anonymous ? "anyone" : target.Kind)} answered {(int)page.Status}, not the antiforgery refusal");
    }

    private Task<long> ReadSeqAsync(long threadId, Guid userId) =>
        app.WithDbAsync(db => db.Set<ThreadReader>().Where(r => r.ThreadId == threadId && r.UserId == userId).Select(r => r.ReadSeq).SingleAsync());
}

public sealed class EndpointAntiforgeryTestsOnSqlite(SqliteApp app) : EndpointAntiforgeryTests(app), IClassFixture<SqliteApp>;

public sealed class EndpointAntiforgeryTestsOnPostgres(PostgresApp app) : EndpointAntiforgeryTests(app), IClassFixture<PostgresApp>;
