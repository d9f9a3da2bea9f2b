using System.Collections.Concurrent;
using System.Data.Common;
using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static HelloWork.Tests.Features.Messages.Messaging;

namespace HelloWork.Tests.Features.Messages;

/// <summary>
/// The badge is fetched on every page: marking messages delivered there must cost the same
/// whether the person has one thread or many, and tell each sender once (BEY-3, MSG-3).
/// </summary>
public abstract class BadgeCostTests(CountingApp app)
{
    /// <summary>A signed-in seeker with <paramref name="threads"/> threads, each with a message not yet delivered to them.</summary>
    private async Task<UserClient> SeekerWithUndeliveredThreadsAsync(int threads)
    {
        var est = await EstablishmentAsync(app);
        var (seeker, seekerClient) = await app.SignedInAsync(UserKind.Seeker, "山田 花子");
        var employer = await EmployerAsync(app, est.Id, "採用担当");
        var employerClient = await app.SignInAsync(employer);
        for (var i = 0; i < threads; i++)
        {
            var thread = await OpenAsync(app, seeker.Id, est.Id, $"応募{i}");
            await SendAsync(employerClient, thread.Id, $"ご連絡{i}");
        }
        return seekerClient;
    }

    private async Task<int> BadgeCommandsAsync(UserClient client)
    {
        app.Counter.Reset();
        var badge = await client.PageAsync("/messages/badge", htmx: true);
        Assert.NotEmpty(badge.Texts(".badge"));
        return app.Counter.Count;
    }

    [Fact, Trait("Rule", "BEY-3")]
    public async Task Marking_delivered_on_the_badge_issues_as_many_SQL_commands_for_twelve_threads_as_for_one()
    {
        var one = await SeekerWithUndeliveredThreadsAsync(1);
        var twelve = await SeekerWithUndeliveredThreadsAsync(12);

        var forOne = await BadgeCommandsAsync(one);
        var forTwelve = await BadgeCommandsAsync(twelve);

        Assert.True(forOne > 0, "the counter saw the badge's commands");
        Assert.Equal(forOne, forTwelve);
    }

    [Fact, Trait("Rule", "BEY-3")]
    public async Task The_sender_sees_delivered_on_every_thread_after_one_badge_fetch()
    {
        var est = await EstablishmentAsync(app);
        var (seeker, seekerClient) = await app.SignedInAsync(UserKind.Seeker);
        var employer = await EmployerAsync(app, est.Id);
        var employerClient = await app.SignInAsync(employer);
        var threads = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var thread = await OpenAsync(app, seeker.Id, est.Id, $"応募{i}");
            await SendAsync(employerClient, thread.Id, "面接のご案内");
            threads.Add(thread.Id);
        }

        await seekerClient.PageAsync("/messages/badge", htmx: true);

        foreach (var id in threads)
        {
            Assert.Equal("配信済み", (await employerClient.PageAsync($"/messages/{id}/state", htmx: true)).Text(".delivery-state"));
        }
    }

    [Fact, Trait("Rule", "MSG-3")]
    public async Task Each_login_of_the_sending_establishment_gets_one_delivered_push_for_many_threads()
    {
        var est = await EstablishmentAsync(app);
        var (seeker, seekerClient) = await app.SignedInAsync(UserKind.Seeker);
        var employer = await EmployerAsync(app, est.Id);
        var colleague = await EmployerAsync(app, est.Id);
        var employerClient = await app.SignInAsync(employer);
        var colleagueClient = await app.SignInAsync(colleague);
        for (var i = 0; i < 4; i++)
        {
            var thread = await OpenAsync(app, seeker.Id, est.Id, $"応募{i}");
            await SendAsync(employerClient, thread.Id, "ご連絡");
        }
        var pushes = new ConcurrentBag<(string Who, long Thread)>();
        await using var employerLive = LiveConnections.OverTestServer(app.Server, employerClient.CookieHeader);
        await using var colleagueLive = LiveConnections.OverTestServer(app.Server, colleagueClient.CookieHeader);
        employerLive.On<long>("MessageDelivered", id => pushes.Add(("employer", id)));
        colleagueLive.On<long>("MessageDelivered", id => pushes.Add(("colleague", id)));
        await employerLive.StartAsync();
        await colleagueLive.StartAsync();

        await seekerClient.PageAsync("/messages/badge", htmx: true);
        var until = DateTime.UtcNow.AddSeconds(10);
        while (pushes.Count < 2 && DateTime.UtcNow < until) await Task.Delay(50);
        await Task.Delay(300); // a push per thread would have arrived by now

        Assert.Equal(["colleague", "employer"], pushes.Select(p => p.Who).Order());
    }
}

/// <summary>Counts the SQL commands the app runs while serving /messages/badge (background work is not counted).</summary>
public sealed class SqlCommandCounter(IHttpContextAccessor http) : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    private void Seen()
    {
        if (http.HttpContext?.Request.Path == "/messages/badge") Interlocked.Increment(ref _count);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    {
        Seen();
        return base.ReaderExecutingAsync(command, eventData, result, ct);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken ct = default)
    {
        Seen();
        return base.NonQueryExecutingAsync(command, eventData, result, ct);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken ct = default)
    {
        Seen();
        return base.ScalarExecutingAsync(command, eventData, result, ct);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Seen();
        return base.ReaderExecuting(command, eventData, result);
    }
}

/// <summary>The app with <see cref="SqlCommandCounter"/> on its DbContext.</summary>
public abstract class CountingApp : HelloWorkApp
{
    public SqlCommandCounter Counter => Service<SqlCommandCounter>();

    protected override void AddTestServices(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<SqlCommandCounter>();
        // AppDb is registered as its provider's class, whose options are the ones read.
        void Count(IServiceProvider sp, DbContextOptionsBuilder db) => db.AddInterceptors(sp.GetRequiredService<SqlCommandCounter>());
        if (Provider == DatabaseProvider.Sqlite) services.ConfigureDbContext<SqliteAppDb>(Count);
        else services.ConfigureDbContext<PostgresAppDb>(Count);
    }
}

public sealed class CountingSqliteApp : CountingApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class CountingPostgresApp : CountingApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public sealed class BadgeCostTestsOnSqlite(CountingSqliteApp app) : BadgeCostTests(app), IClassFixture<CountingSqliteApp>;

public sealed class BadgeCostTestsOnPostgres(CountingPostgresApp app) : BadgeCostTests(app), IClassFixture<CountingPostgresApp>;
