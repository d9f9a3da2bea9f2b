using HelloWork.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelloWork.Web.TimedRules;

public sealed class TimedRuleOptions
{
    public const string Section = "TimedRules";

    /// <summary>How often every rule is looked at. The rules' own deadlines are exact; this is only the delay.</summary>
    public int IntervalSeconds { get; set; } = 30;

    /// <summary>
    /// false: the rules run only when RunAllAsync is called. For tests that move the clock and run
    /// the rules themselves: the loop's timer is on the app's TimeProvider, so every move of a fake
    /// clock would start a pass of its own, racing the test's pass (and a longer interval cannot
    /// help: PeriodicTimer takes at most ~49 days, and tests jump years).
    /// </summary>
    public bool RunInBackground { get; set; } = true;
}

/// <summary>
/// Runs every registered ITimedRule in turn, again and again. Each rule runs under a lease so that
/// of several server instances only one runs it at a time (OPS-2); the rule's own data makes it
/// act once per item.
/// </summary>
public sealed class TimedRuleRunner(
    IServiceScopeFactory scopes, IEnumerable<ITimedRule> rules, TimeProvider clock,
    IOptions<TimedRuleOptions> options, IHostApplicationLifetime lifetime, ILogger<TimedRuleRunner> logger) : BackgroundService
{
    private static readonly TimeSpan LeaseFor = TimeSpan.FromMinutes(2);
    private readonly string _holder = NewHolder();
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInBackground)
        {
            return;
        }
        // On the app's clock, not the machine's: a fake clock moved by a test makes the loop tick.
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.IntervalSeconds), clock);
        // The first pass waits for the start to finish: the schema upgrade is a hosted service
        // started after this one, and a pass on a database without its tables would only fail.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }
        do
        {
            try
            {
                await RunAllAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Timed rules pass failed; will try again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass over every rule at the clock's now. Returns what each rule acted on.</summary>
    public async Task<IReadOnlyDictionary<string, int>> RunAllAsync(CancellationToken ct = default)
    {
        await _oneAtATime.WaitAsync(ct);
        try
        {
            var done = new Dictionary<string, int>();
            foreach (var rule in rules)
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDb>();
                var now = clock.GetUtcNow().UtcDateTime;
                if (!await TryTakeLeaseAsync(db, rule.Name, now, ct))
                {
                    continue;
                }
                try
                {
                    done[rule.Name] = await rule.RunAsync(db, now, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Timed rule {Rule} failed; it runs again next pass", rule.Name);
                }
                finally
                {
                    await ReleaseLeaseAsync(db, rule.Name, ct);
                }
            }
            return done;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private static string NewHolder()
    {
        var holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        return holder.Length <= 64 ? holder : holder[^64..];
    }

    internal async Task<bool> TryTakeLeaseAsync(AppDb db, string name, DateTime now, CancellationToken ct)
    {
        if (!await db.Set<Lease>().AnyAsync(l => l.Name == name, ct))
        {
            db.Set<Lease>().Add(Lease.Create(name));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // another instance made the row first
            }
        }
        var until = now + LeaseFor;
        var taken = await db.Set<Lease>()
            .Where(l => l.Name == name && (l.Until < now || l.Holder == _holder))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, _holder).SetProperty(l => l.Until, until), ct);
        return taken == 1;
    }

    internal Task ReleaseLeaseAsync(AppDb db, string name, CancellationToken ct) =>
        db.Set<Lease>().Where(l => l.Name == name && l.Holder == _holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Until, Lease.Free), ct);
}
