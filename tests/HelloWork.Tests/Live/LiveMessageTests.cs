using System.Net.WebSockets;
using System.Threading.Channels;
using HelloWork.Tests.Features.Messages;
using HelloWork.Web.Features.Messages;
using Microsoft.AspNetCore.SignalR.Client;
using static HelloWork.Tests.Features.Messages.Messaging;

namespace HelloWork.Tests.Live;

/// <summary>
/// A thread page without the browser: a real SignalR client that reconnects by itself, and the
/// page's catch-up (fetch everything after the last sequence shown, one fetch at a time) on each
/// push, on reconnect and on load — the same requests messages.js makes.
/// </summary>
public sealed class ThreadPage : IAsyncDisposable
{
    private static readonly string[] Methods = ["MessageReceived", "MessageDelivered", "ThreadRead"];
    private readonly UserClient _client;
    private readonly long _threadId;
    private readonly SemaphoreSlim _oneFetchAtATime = new(1, 1);
    private readonly List<long> _shown = [];
    private HubConnection _connection = null!;
    private WebSocket? _socket;
    private volatile bool _disposed;

    public Channel<(string Event, long Id)> Events { get; } = Channel.CreateUnbounded<(string, long)>();
    public int Reconnects { get; private set; }

    private ThreadPage(UserClient client, long threadId)
    {
        _client = client;
        _threadId = threadId;
    }

    public static Task<ThreadPage> OpenAsync(HelloWorkApp app, UserClient client, long threadId) =>
        OpenAsync(() => app, client, threadId);

    /// <summary>The live connection goes to whichever server <paramref name="live"/> names at the time (a restarted one, say).</summary>
    public static Task<ThreadPage> OpenAsync(Func<HelloWorkApp> live, UserClient client, long threadId) =>
        OpenAsync(client, threadId, opened => LiveConnections.OverTestServer(() => live().Server, client.CookieHeader, withReconnect: true, opened: opened));

    /// <summary>A browser behind the proxy of several instances (OPS-2): the page and its live connection go where the route sends them.</summary>
    public static Task<ThreadPage> OpenAsync(StickyRoute route, UserClient browser, long threadId) =>
        OpenAsync(browser, threadId, opened => route.Live(browser, opened));

    private static async Task<ThreadPage> OpenAsync(UserClient client, long threadId, Func<Action<WebSocket>, HubConnection> connect)
    {
        var page = new ThreadPage(client, threadId);
        page._connection = connect(socket => page._socket = socket);
        foreach (var name in Methods)
        {
            page._connection.On<long>(name, id =>
            {
                page.Events.Writer.TryWrite((name, id));
                if (name == "MessageReceived" && id == threadId) _ = page.CatchUpAsync();
            });
        }
        page._connection.Reconnected += _ =>
        {
            page.Reconnects++;
            return page.CatchUpAsync();
        };
        // Like app.js: a connection the server closed (it shut down) is started again until it succeeds (bounded here).
        page._connection.Closed += async _ =>
        {
            for (var attempt = 0; attempt < 100 && !page._disposed; attempt++)
            {
                try
                {
                    await page._connection.StartAsync();
                    page.Reconnects++;
                    await page.CatchUpAsync();
                    return;
                }
                catch (Exception) when (attempt < 99)
                {
                    await Task.Delay(200);
                }
            }
        };
        await page._connection.StartAsync();
        await page.CatchUpAsync();
        return page;
    }

    public async Task CatchUpAsync()
    {
        await _oneFetchAtATime.WaitAsync();
        try
        {
            var after = _shown.Count == 0 ? 0 : _shown[^1];
            var fragment = await _client.PageAsync($"/messages/{_threadId}/messages?after={after}", htmx: true);
            _shown.AddRange(fragment.Document.QuerySelectorAll("li.message").Select(li => long.Parse(li.GetAttribute("data-seq")!)));
        }
        finally
        {
            _oneFetchAtATime.Release();
        }
    }

    public async Task<long[]> ShownAsync()
    {
        await _oneFetchAtATime.WaitAsync();
        try { return [.. _shown]; }
        finally { _oneFetchAtATime.Release(); }
    }

    /// <summary>Cuts the network under the connection, as a phone going through a tunnel does.</summary>
    public void DropConnection() => _socket?.Abort();

    public async Task<(string Event, long Id)> NextAsync(string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var e = await Events.Reader.ReadAsync(timeout.Token);
            if (e.Event == name) return e;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await _connection.DisposeAsync();
    }
}

public abstract class LiveMessageTests(HelloWorkApp app)
{
    [Fact, Trait("Rule", "MSG-3"), Trait("Rule", "MSG-4")]
    public async Task A_message_reaches_the_recipients_open_thread_and_every_tab_of_both_sides()
    {
        var p = await PairAsync(app);
        var seekerPhone = await app.SignInAsync(p.Seeker);
        await using var seekerTab = await ThreadPage.OpenAsync(app, p.SeekerClient, p.ThreadId);
        await using var phoneTab = await ThreadPage.OpenAsync(app, seekerPhone, p.ThreadId);
        await using var employerTab = await ThreadPage.OpenAsync(app, p.EmployerClient, p.ThreadId);

        await SendAsync(p.EmployerClient, p.ThreadId, "面接は12月3日です");

        Assert.Equal(("MessageReceived", p.ThreadId), await seekerTab.NextAsync("MessageReceived"));
        Assert.Equal(("MessageReceived", p.ThreadId), await phoneTab.NextAsync("MessageReceived"));
        Assert.Equal(("MessageReceived", p.ThreadId), await employerTab.NextAsync("MessageReceived"));
        // The push is the only thing that makes the open page fetch again, so the message was stored before it.
        await WaitUntilAsync(async () => (await seekerTab.ShownAsync()).Length == 1);
        Assert.Equal(new long[] { 1 }, await seekerTab.ShownAsync());
    }

    [Fact, Trait("Rule", "MSG-3"), Trait("Rule", "BEY-3")]
    public async Task Reading_in_one_tab_is_told_to_the_other_tabs_and_to_the_sender()
    {
        var p = await PairAsync(app);
        var seekerPc = await app.SignInAsync(p.Seeker);
        await SendAsync(p.EmployerClient, p.ThreadId, "ご確認ください");
        await using var pcTab = await ThreadPage.OpenAsync(app, seekerPc, p.ThreadId); // its load already reads; so read from the phone below
        await using var employerTab = await ThreadPage.OpenAsync(app, p.EmployerClient, p.ThreadId);
        await SendAsync(p.EmployerClient, p.ThreadId, "追伸です");
        await pcTab.NextAsync("MessageReceived");

        await WaitUntilAsync(async () => (await pcTab.ShownAsync()).Length == 2);

        Assert.Equal(("ThreadRead", p.ThreadId), await pcTab.NextAsync("ThreadRead"));
        Assert.Equal(("ThreadRead", p.ThreadId), await employerTab.NextAsync("ThreadRead"));
        Assert.Empty((await p.SeekerClient.PageAsync("/messages/badge", htmx: true)).Texts(".badge"));
        Assert.Equal("既読", (await p.EmployerClient.PageAsync($"/messages/{p.ThreadId}/state", htmx: true)).Text(".delivery-state"));
    }

    [Fact, Trait("Rule", "MSG-4")]
    public async Task A_page_whose_connection_drops_while_messages_are_sent_ends_with_every_message_once_in_order()
    {
        var p = await PairAsync(app);
        await using var seekerTab = await ThreadPage.OpenAsync(app, p.SeekerClient, p.ThreadId);
        const int total = 30;

        for (var i = 1; i <= total; i++)
        {
            if (i == 8 || i == 19) seekerTab.DropConnection();
            await SendAsync(p.EmployerClient, p.ThreadId, $"メッセージ{i}");
        }

        await WaitUntilAsync(async () => (await seekerTab.ShownAsync()).Length >= total && seekerTab.Reconnects >= 2);
        await Task.Delay(300); // any late push or fetch would add a duplicate now
        Assert.True(seekerTab.Reconnects >= 2, $"reconnected {seekerTab.Reconnects} times");
        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), await seekerTab.ShownAsync());
    }

    [Fact, Trait("Rule", "MSG-4")]
    public async Task A_page_whose_server_restarts_while_messages_are_sent_ends_with_every_message_once_in_order()
    {
        var p = await PairAsync(app);
        HelloWorkApp current = new SameDatabaseApp(app.Provider, app.ConnectionString);
        await ((SameDatabaseApp)current).InitializeAsync();
        var first = (SameDatabaseApp)current;
        await using var seekerTab = await ThreadPage.OpenAsync(() => current, p.SeekerClient, p.ThreadId);

        var employerOnFirst = await first.SignInAsync(p.Employer);
        for (var i = 1; i <= 5; i++) await SendAsync(employerOnFirst, p.ThreadId, $"再起動前{i}");
        await first.DisposeAsync(); // the server the page is connected to goes away
        for (var i = 6; i <= 10; i++) await SendAsync(p.EmployerClient, p.ThreadId, $"停止中{i}");
        await using var second = new SameDatabaseApp(app.Provider, app.ConnectionString);
        await second.InitializeAsync();
        current = second; // it comes back
        await WaitUntilAsync(async () => (await seekerTab.ShownAsync()).Length >= 10);
        var employerOnSecond = await second.SignInAsync(p.Employer);
        for (var i = 11; i <= 15; i++) await SendAsync(employerOnSecond, p.ThreadId, $"再起動後{i}");

        await WaitUntilAsync(async () => (await seekerTab.ShownAsync()).Length >= 15);
        await Task.Delay(300); // a late push or fetch would add a duplicate now
        Assert.True(seekerTab.Reconnects >= 1, $"reconnected {seekerTab.Reconnects} times");
        Assert.Equal(Enumerable.Range(1, 15).Select(i => (long)i), await seekerTab.ShownAsync());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("condition not met in 15 s");
            await Task.Delay(50);
        }
    }
}

public sealed class LiveMessageTestsOnSqlite(SqliteApp app) : LiveMessageTests(app), IClassFixture<SqliteApp>;

public sealed class LiveMessageTestsOnPostgres(PostgresApp app) : LiveMessageTests(app), IClassFixture<PostgresApp>;
