using System.Net;
using System.Text;
using System.Text.Json;
using HelloWork.Tests.Features.Notices;
using HelloWork.Tests.Features.Sessions;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Live;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace HelloWork.Tests.Live;

/// <summary>
/// SEC-7: a live connection is its user's own. Pages of other sites cannot open one, and a
/// connection's token is good only for the person (and sign-in) that negotiated it.
/// </summary>
public abstract class LiveConnectionOwnershipTests(HelloWorkApp app)
{
    private const string Evil = "https://evil.example";
    private const char RecordSeparator = '\u001e';

    [Fact, Trait("Rule", "SEC-7")]
    public async Task A_page_of_another_site_cannot_open_a_live_connection_by_negotiate_or_by_websocket()
    {
        var (_, seeker) = await app.SignedInAsync(UserKind.Seeker);

        await using var negotiated = LiveConnections.OverTestServer(app.Server, seeker.CookieHeader, origin: Evil);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => negotiated.StartAsync());
        Assert.Contains("403", refused.ToString());

        // A WebSocket upgrade straight to the hub (no negotiate), as the probe sent it.
        var socket = app.Server.CreateWebSocketClient();
        socket.ConfigureRequest = r => { r.Headers.Cookie = seeker.CookieHeader; r.Headers.Origin = Evil; };
        var upgrade = await Assert.ThrowsAnyAsync<Exception>(() => socket.ConnectAsync(new Uri("ws://localhost/hubs/live"), CancellationToken.None));
        Assert.Contains("403", upgrade.Message);
    }

    [Fact, Trait("Rule", "SEC-7")]
    public async Task The_sites_own_pages_and_clients_that_are_no_browser_connect()
    {
        var (_, seeker) = await app.SignedInAsync(UserKind.Seeker);

        await using var ownPage = LiveConnections.OverTestServer(app.Server, seeker.CookieHeader, origin: "http://localhost");
        await ownPage.StartAsync();
        await using var noBrowser = LiveConnections.OverTestServer(app.Server, seeker.CookieHeader);
        await noBrowser.StartAsync();

        Assert.Equal(HubConnectionState.Connected, ownPage.State);
        Assert.Equal(HubConnectionState.Connected, noBrowser.State);
    }

    [Fact, Trait("Rule", "SEC-7")]
    public async Task A_cross_site_request_that_leaves_out_its_origin_is_refused()
    {
        var (_, seeker) = await app.SignedInAsync(UserKind.Seeker);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/live/negotiate?negotiateVersion=1");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await seeker.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact, Trait("Rule", "SEC-7")]
    public async Task Another_users_connection_token_is_refused_on_long_polling_and_receives_nothing()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var (victim, victimClient) = await app.SignedInAsync(UserKind.Seeker);
        var (_, attacker) = await app.SignedInAsync(UserKind.Seeker);
        var token = await NegotiateAsync(victimClient);
        var url = $"/hubs/live?id={Uri.EscapeDataString(token)}";

        // The victim's page opens its long-polling connection and finishes the handshake.
        Assert.Equal(HttpStatusCode.OK, (await victimClient.Http.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await victimClient.Http.PostAsync(url, Handshake())).StatusCode);
        Assert.Contains("{}" + RecordSeparator, await victimClient.Http.GetStringAsync(url));
        await WaitUntilOpenAsync(victim.Id);

        await staff.PostFormAsync("/staff/notices", SendNoticeTests.Fields(victim.Email!, "本人だけに届く"), formPage: "/staff/notices/new");

        using var poll = await attacker.Http.GetAsync(url);
        using var send = await attacker.Http.PostAsync(url, new StringContent("{\"type\":6}" + RecordSeparator));
        using var delete = await attacker.Http.DeleteAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, poll.StatusCode);
        Assert.DoesNotContain("\"target\":\"NoticeReceived\"", await poll.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, send.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        // The push is still there for its owner: nobody else took it.
        Assert.Contains("\"target\":\"NoticeReceived\"", await victimClient.Http.GetStringAsync(url));
    }

    [Fact, Trait("Rule", "SEC-7")]
    public async Task The_same_person_in_another_sign_in_cannot_use_the_token_either()
    {
        var (seeker, here) = await app.SignedInAsync(UserKind.Seeker);
        var elsewhere = await app.SignInAsync(seeker);
        var token = await NegotiateAsync(here);

        using var foreign = await elsewhere.Http.GetAsync($"/hubs/live?id={Uri.EscapeDataString(token)}");
        using var own = await here.Http.GetAsync($"/hubs/live?id={Uri.EscapeDataString(token)}");

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact, Trait("Rule", "SEC-7")]
    public async Task A_long_polling_client_of_its_own_receives_its_pushes()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);
        await using var connection = LiveConnections.OverTestServer(app.Server, client.CookieHeader, transport: HttpTransportType.LongPolling);
        var received = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<long>("NoticeReceived", id => received.TrySetResult(id));
        await connection.StartAsync();
        await WaitUntilOpenAsync(seeker.Id);

        await staff.PostFormAsync("/staff/notices", SendNoticeTests.Fields(seeker.Email!), formPage: "/staff/notices/new");

        Assert.True(await received.Task.WaitAsync(TimeSpan.FromSeconds(10)) > 0);
    }

    private static async Task<string> NegotiateAsync(UserClient client)
    {
        using var response = await client.Http.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("connectionToken").GetString()!;
    }

    private static StringContent Handshake() => new("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator, Encoding.UTF8);

    /// <summary>The hub has taken the connection in (pushes to the person reach it from now on).</summary>
    private async Task WaitUntilOpenAsync(Guid userId)
    {
        var session = await app.NewestSessionAsync(userId);
        var live = app.Service<LiveSessions>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (live.OpenCount(session.Id) == 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the hub never took the connection in");
            await Task.Delay(20);
        }
    }
}

public sealed class LiveConnectionOwnershipTestsOnSqlite(SqliteApp app) : LiveConnectionOwnershipTests(app), IClassFixture<SqliteApp>;

public sealed class LiveConnectionOwnershipTestsOnPostgres(PostgresApp app) : LiveConnectionOwnershipTests(app), IClassFixture<PostgresApp>;

public sealed class LiveOriginTests
{
    private static HttpRequest Request(string? origin, string? fetchSite = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("hellowork.example");
        if (origin is not null) context.Request.Headers.Origin = origin;
        if (fetchSite is not null) context.Request.Headers["Sec-Fetch-Site"] = fetchSite;
        return context.Request;
    }

    private static readonly LiveOptions Options = new() { AllowedOrigins = ["https://www.hellowork.example/"] };

    [Theory, Trait("Rule", "SEC-7")]
    [InlineData("https://hellowork.example", null, true)]
    [InlineData("https://HELLOWORK.example", null, true)]
    [InlineData("https://www.hellowork.example", null, true)]
    [InlineData(null, null, true)]
    [InlineData(null, "same-origin", true)]
    [InlineData("http://hellowork.example", null, false)]
    [InlineData("https://hellowork.example:8443", null, false)]
    [InlineData("https://evil.example", null, false)]
    [InlineData("https://hellowork.example.evil.example", null, false)]
    [InlineData("null", null, false)]
    [InlineData(null, "cross-site", false)]
    [InlineData(null, "same-site", false)]
    public void Only_the_sites_own_and_configured_origins_may_open_live_connections(string? origin, string? fetchSite, bool allowed) =>
        Assert.Equal(allowed, LiveConnectionGuard.OriginAllowed(Request(origin, fetchSite), Options));
}

public sealed class LiveConnectionOwnersTests
{
    [Fact, Trait("Rule", "SEC-7")]
    public void A_token_belongs_to_its_negotiator_until_its_connection_closes_and_an_unused_one_is_forgotten()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(HelloWorkApp.Start);
        var owners = new LiveConnectionOwners(clock);
        var owner = new LiveOwner(Guid.NewGuid(), 1);
        owners.Negotiated("opened-token", "opened", owner);
        owners.Negotiated("unused-token", "unused", owner);
        owners.Opened("opened");

        Assert.True(owners.IsOwnedBy("opened-token", owner));
        Assert.False(owners.IsOwnedBy("opened-token", owner with { SessionId = 2 }));
        Assert.False(owners.IsOwnedBy("opened-token", new LiveOwner(Guid.NewGuid(), 1)));
        Assert.False(owners.IsOwnedBy("no-such-token", owner));

        clock.Advance(LiveConnectionOwners.Unused + TimeSpan.FromMinutes(1));
        owners.Negotiated("later-token", "later", owner); // a negotiate sweeps what was never used

        Assert.False(owners.IsOwnedBy("unused-token", owner));
        Assert.True(owners.IsOwnedBy("opened-token", owner));
        owners.Closed("opened");
        Assert.False(owners.IsOwnedBy("opened-token", owner));
        Assert.Equal(1, owners.Count);
    }
}
