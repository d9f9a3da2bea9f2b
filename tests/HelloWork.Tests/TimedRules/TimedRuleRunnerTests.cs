using HelloWork.Web.Data;
using HelloWork.Web.TimedRules;
using Microsoft.Extensions.DependencyInjection;

namespace HelloWork.Tests.TimedRules;

/// <summary>Records every run (the server's loop runs it on a thread of its own).</summary>
public sealed class ProbeRule : ITimedRule
{
    private readonly List<DateTime> _runs = [];
    public string Name => "probe";

    public IReadOnlyList<DateTime> Runs
    {
        get { lock (_runs) return [.. _runs]; }
    }

    public Task<int> RunAsync(AppDb db, DateTime now, CancellationToken ct)
    {
        lock (_runs) _runs.Add(now);
        return Task.FromResult(1);
    }
}

public sealed class FailingRule : ITimedRule
{
    public string Name => "failing";
    public Task<int> RunAsync(AppDb db, DateTime now, CancellationToken ct) => throw new InvalidOperationException("broken rule");
}

public abstract class AppWithProbeRule : HelloWorkApp
{
    public ProbeRule Probe { get; } = new();

    protected override void AddTestServices(IServiceCollection services)
    {
        services.AddSingleton<ITimedRule, FailingRule>();
        services.AddSingleton<ITimedRule>(Probe);
    }
}

public sealed class SqliteAppWithProbeRule : AppWithProbeRule
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresAppWithProbeRule : AppWithProbeRule
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>The server's own loop left on (every other test app turns it off and runs the rules itself).</summary>
public sealed class SqliteAppWithRuleLoop : AppWithProbeRule
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override bool TimedRulesInBackground => true;
}

public sealed class PostgresAppWithRuleLoop : AppWithProbeRule
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
    protected override bool TimedRulesInBackground => true;
}

public abstract class TimedRuleLoopTests(AppWithProbeRule app)
{
    [Fact]
    public async Task The_servers_own_loop_runs_the_rules_at_start_and_each_time_its_clock_passes_the_interval()
    {
        var interval = TimeSpan.FromSeconds(new TimedRuleOptions().IntervalSeconds);
        var started = app.Clock.UtcNow;
        await WaitForRunAtAsync(started);

        app.Clock.Advance(interval - TimeSpan.FromSeconds(1));
        await Task.Delay(500); // a tick now would be early: the loop must wait for the app's clock
        Assert.Equal([started], app.Probe.Runs);

        app.Clock.Advance(TimeSpan.FromSeconds(1));

        await WaitForRunAtAsync(started + interval);
        Assert.Equal([started, started + interval], app.Probe.Runs);
    }

    private async Task WaitForRunAtAsync(DateTime at)
    {
        var until = DateTime.UtcNow.AddSeconds(10); // real time: the loop runs on a thread of its own
        while (!app.Probe.Runs.Contains(at))
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"no run at {at:O}; runs: {string.Join(", ", app.Probe.Runs)}");
            await Task.Delay(20);
        }
    }
}

public sealed class TimedRuleLoopTestsOnSqlite(SqliteAppWithRuleLoop app) : TimedRuleLoopTests(app), IClassFixture<SqliteAppWithRuleLoop>;

public sealed class TimedRuleLoopTestsOnPostgres(PostgresAppWithRuleLoop app) : TimedRuleLoopTests(app), IClassFixture<PostgresAppWithRuleLoop>;

public abstract class TimedRuleRunnerTests(AppWithProbeRule app)
{
    [Fact]
    public async Task Rules_run_at_the_clocks_now_and_a_failing_rule_does_not_stop_the_others()
    {
        app.Clock.Advance(TimeSpan.FromDays(7));

        var done = await app.RunTimedRulesAsync();

        Assert.Equal(1, done["probe"]);
        Assert.False(done.ContainsKey("failing"));
        Assert.Equal(app.Clock.UtcNow, app.Probe.Runs[^1]);
    }

    [Fact]
    public async Task While_one_server_holds_a_rules_lease_another_cannot_run_it_until_released_or_expired()
    {
        var one = app.Service<TimedRuleRunner>();
        await using var otherServer = new SameDatabaseApp(app.Provider, app.ConnectionString);
        await otherServer.InitializeAsync();
        var other = otherServer.Service<TimedRuleRunner>();
        var now = app.Clock.UtcNow;

        await app.WithDbAsync(async db =>
        {
            Assert.True(await one.TryTakeLeaseAsync(db, "exclusive", now, default));
            Assert.True(await one.TryTakeLeaseAsync(db, "exclusive", now, default)); // the holder may renew
        });
        await otherServer.WithDbAsync(async db =>
        {
            Assert.False(await other.TryTakeLeaseAsync(db, "exclusive", now.AddSeconds(30), default));
            Assert.True(await other.TryTakeLeaseAsync(db, "exclusive", now.AddMinutes(3), default)); // the first holder died
        });
        await otherServer.WithDbAsync(db => other.ReleaseLeaseAsync(db, "exclusive", default));
        await app.WithDbAsync(async db => Assert.True(await one.TryTakeLeaseAsync(db, "exclusive", now.AddMinutes(3), default)));
    }
}

public sealed class TimedRuleRunnerTestsOnSqlite(SqliteAppWithProbeRule app) : TimedRuleRunnerTests(app), IClassFixture<SqliteAppWithProbeRule>;

public sealed class TimedRuleRunnerTestsOnPostgres(PostgresAppWithProbeRule app) : TimedRuleRunnerTests(app), IClassFixture<PostgresAppWithProbeRule>;
