using System.Threading.Channels;
using HelloWork.Tests.Features.Notices;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Notices;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Tests.Live;

/// <summary>A real SignalR client signed in as a person, recording what the server pushes to it.</summary>
public sealed class LiveTab : IAsyncDisposable
{
    private readonly HubConnection _connection;
    public Channel<(string Event, long Id)> Events { get; } = Channel.CreateUnbounded<(string, long)>();

    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the server (or the network) ends the connection.</summary>
    public Task<Exception?> Closed => _closed.Task;

    private LiveTab(HubConnection connection)
    {
        _connection = connection;
        connection.Closed += error =>
        {
            _closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        foreach (var name in new[] { "NoticeReceived", "NoticeRead" })
        {
            connection.On<long>(name, id => Events.Writer.TryWrite((name, id)));
        }
        connection.On("SessionEnded", () => Events.Writer.TryWrite(("SessionEnded", 0)));
    }

    public static async Task<LiveTab> OpenAsync(HelloWorkApp app, UserClient client)
    {
        var tab = new LiveTab(LiveConnections.OverTestServer(app.Server, client.CookieHeader));
        await tab._connection.StartAsync();
        return tab;
    }

    public async Task<(string Event, long Id)> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await Events.Reader.ReadAsync(timeout.Token);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

public abstract class LiveNoticeTests(HelloWorkApp app)
{
    [Fact, Trait("Rule", "MSG-3")]
    public async Task The_seekers_open_page_is_told_of_a_new_notice_by_its_id_after_it_is_stored()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var (seeker, seekerClient) = await app.SignedInAsync(UserKind.Seeker);
        await using var tab = await LiveTab.OpenAsync(app, seekerClient);

        await staff.PostFormAsync("/staff/notices", SendNoticeTests.Fields(seeker.Email!, "ライブで届く"), formPage: "/staff/notices/new");

        var (name, id) = await tab.NextAsync();
        Assert.Equal("NoticeReceived", name);
        var stored = await app.WithDbAsync(db => db.Set<Notice>().SingleAsync(n => n.Id == id));
        Assert.Equal((seeker.Id, "ライブで届く"), (stored.RecipientId, stored.Title));
    }

    [Fact, Trait("Rule", "MSG-3")]
    public async Task Every_open_tab_is_told_and_reading_in_one_tab_is_told_to_the_others()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var (seeker, phone) = await app.SignedInAsync(UserKind.Seeker);
        var pc = await app.SignInAsync(seeker);
        await using var phoneTab = await LiveTab.OpenAsync(app, phone);
        await using var pcTab = await LiveTab.OpenAsync(app, pc);

        await staff.PostFormAsync("/staff/notices", SendNoticeTests.Fields(seeker.Email!), formPage: "/staff/notices/new");
        var received = await phoneTab.NextAsync();
        Assert.Equal(received, await pcTab.NextAsync());

        await phone.PageAsync($"/notices/{received.Id}");

        Assert.Equal(("NoticeRead", received.Id), await pcTab.NextAsync());
        Assert.Equal(("NoticeRead", received.Id), await phoneTab.NextAsync());
    }

    [Fact, Trait("Rule", "MSG-3")]
    public async Task Nobody_else_is_told()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var seeker = await app.CreateUserAsync(UserKind.Seeker);
        var (other, otherClient) = await app.SignedInAsync(UserKind.Seeker);
        await using var otherTab = await LiveTab.OpenAsync(app, otherClient);

        await staff.PostFormAsync("/staff/notices", SendNoticeTests.Fields(seeker.Email!, "他人宛"), formPage: "/staff/notices/new");
        await staff.PostFormAsync("/staff/notices", SendNoticeTests.Fields(other.Email!, "自分宛"));

        // The first push the other person gets is their own notice, so the earlier one never reached them.
        var (_, id) = await otherTab.NextAsync();
        Assert.Equal("自分宛", await app.WithDbAsync(db => db.Set<Notice>().Where(n => n.Id == id).Select(n => n.Title).SingleAsync()));
    }

    [Fact, Trait("Rule", "MSG-3")]
    public async Task The_hub_refuses_a_connection_that_is_not_signed_in()
    {
        var anonymous = app.Anonymous();

        var refused = await Assert.ThrowsAnyAsync<Exception>(async () => await LiveTab.OpenAsync(app, anonymous));
        Assert.Contains("401", refused.ToString());
    }
}

/// <summary>
/// The hub closes a connection when the sign-in behind it expires, by the app's clock: a test moves
/// the clock, never waits. The cookie lives 2 hours from sign-in (sliding; nothing renews it here).
/// </summary>
public abstract class SessionExpiryTests
{
    protected static async Task Connection_stays_open_until_the_sign_in_expires_then_closes(HelloWorkApp app)
    {
        var (staffUser, _) = await app.SignedInAsync(UserKind.Staff);
        var (seeker, seekerClient) = await app.SignedInAsync(UserKind.Seeker);
        var expires = app.Clock.GetUtcNow() + TimeSpan.FromHours(2);
        await using var tab = await LiveTab.OpenAsync(app, seekerClient);

        app.Clock.SetUtcNow(expires - TimeSpan.FromSeconds(1));
        // Still open: a notice sent now reaches it. (The staff member signs in again: their own
        // sign-in is as old as the seeker's.)
        var staff = await app.SignInAsync(staffUser);
        await staff.PostFormAsync("/staff/notices", SendNoticeTests.Fields(seeker.Email!, "期限の直前"), formPage: "/staff/notices/new");
        Assert.Equal("NoticeReceived", (await tab.NextAsync()).Event);
        Assert.False(tab.Closed.IsCompleted, "closed before the sign-in expired");

        app.Clock.SetUtcNow(expires);

        Assert.Same(tab.Closed, await Task.WhenAny(tab.Closed, Task.Delay(TimeSpan.FromSeconds(10))));
    }

    protected static async Task A_connection_opened_with_an_expired_sign_in_is_refused(HelloWorkApp app)
    {
        var (_, seekerClient) = await app.SignedInAsync(UserKind.Seeker);
        app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));

        var refused = await Assert.ThrowsAnyAsync<Exception>(async () => await LiveTab.OpenAsync(app, seekerClient));
        Assert.Contains("401", refused.ToString());
    }
}

public sealed class SessionExpiryTestsOnSqlite(SqliteApp app) : SessionExpiryTests, IClassFixture<SqliteApp>
{
    [Fact]
    public Task The_live_connection_closes_when_the_sign_in_expires() => Connection_stays_open_until_the_sign_in_expires_then_closes(app);

    [Fact]
    public Task An_expired_sign_in_cannot_open_a_live_connection() => A_connection_opened_with_an_expired_sign_in_is_refused(app);
}

public sealed class SessionExpiryTestsOnPostgres(PostgresApp app) : SessionExpiryTests, IClassFixture<PostgresApp>
{
    [Fact]
    public Task The_live_connection_closes_when_the_sign_in_expires() => Connection_stays_open_until_the_sign_in_expires_then_closes(app);

    [Fact]
    public Task An_expired_sign_in_cannot_open_a_live_connection() => A_connection_opened_with_an_expired_sign_in_is_refused(app);
}

public sealed class LiveNoticeTestsOnSqlite(SqliteApp app) : LiveNoticeTests(app), IClassFixture<SqliteApp>;

public sealed class LiveNoticeTestsOnPostgres(PostgresApp app) : LiveNoticeTests(app), IClassFixture<PostgresApp>;
