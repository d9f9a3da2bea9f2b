using HelloWork.Web.Data;
using HelloWork.Web.TimedRules;
using Microsoft.Extensions.DependencyInjection;

namespace HelloWork.Tests.TimedRules;

/// <summary>Records every run; fails on demand.</summary>
public sealed class ProbeRule : ITimedRule
{
    public string Name => "probe";
    public List<DateTime> Runs { get; } = [];

    public Task<int> RunAsync(AppDb db, DateTime now, CancellationToken ct)
    {
        Runs.Add(now);
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
