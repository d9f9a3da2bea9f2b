using System.Threading.RateLimiting;

namespace HelloWork.Web.Http;

/// <summary>One counted window: at most <see cref="Limit"/> hits on <see cref="Key"/> within <see cref="Window"/> of the first.</summary>
public readonly record struct WindowKey(string Key, int Limit, TimeSpan Window);

/// <summary>Whether a request may go on; when not, how long until the fullest window opens again.</summary>
public readonly record struct RateLimitDecision(bool Allowed, TimeSpan RetryAfter);

/// <summary>
/// The counts behind the request limits (SEC-5), behind one small interface: in memory now, per
/// instance; several instances would share a Redis one (an INCR with an expiry per key does it).
/// </summary>
public interface IRateLimitCounter
{
    /// <summary>
    /// Counts one hit in every window when each has room, else counts none and says how long until
    /// the fullest one opens again. A window starts at its first hit and lasts its
    /// <see cref="WindowKey.Window"/>; a limit of 0 or less counts nothing and never refuses.
    /// </summary>
    RateLimitDecision TryTake(IReadOnlyList<WindowKey> windows, DateTimeOffset now);
}

/// <summary>The counts in this process's memory, judged on the app's clock (so tests move it instead of waiting).</summary>
public sealed class InMemoryRateLimitCounter : IRateLimitCounter
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, (DateTimeOffset Ends, int Count)> _windows = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public RateLimitDecision TryTake(IReadOnlyList<WindowKey> windows, DateTimeOffset now)
    {
        lock (_lock)
        {
            Sweep(now);
            var wait = TimeSpan.Zero;
            foreach (var window in windows)
            {
                if (window.Limit > 0 && _windows.TryGetValue(window.Key, out var open) && now < open.Ends && open.Count >= window.Limit && open.Ends - now > wait)
                {
                    wait = open.Ends - now;
                }
            }
            if (wait > TimeSpan.Zero)
            {
                return new RateLimitDecision(false, wait);
            }
            foreach (var window in windows.Where(w => w.Limit > 0))
            {
                _windows[window.Key] = _windows.TryGetValue(window.Key, out var open) && now < open.Ends
                    ? (open.Ends, open.Count + 1)
                    : (now + window.Window, 1);
            }
            return new RateLimitDecision(true, TimeSpan.Zero);
        }
    }

    /// <summary>Forgets ended windows now and then, so addresses that came once do not stay in memory.</summary>
    private void Sweep(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }
        _nextSweep = now + SweepEvery;
        foreach (var ended in _windows.Where(w => w.Value.Ends <= now).Select(w => w.Key).ToList())
        {
            _windows.Remove(ended);
        }
    }
}

/// <summary>
/// A <see cref="RateLimiter"/> for ASP.NET Core's rate-limiting middleware whose counts live in an
/// <see cref="IRateLimitCounter"/> and whose time is the app's <see cref="TimeProvider"/>. The
/// framework's own limiters (System.Threading.RateLimiting, .NET 10) read the machine's clock and
/// cannot be given a TimeProvider (dotnet/runtime#106447), so a window could only end by waiting.
/// This one holds no state itself: the middleware may drop and recreate it at any time.
/// </summary>
public sealed class WindowLimiter(IRateLimitCounter counter, TimeProvider clock, IReadOnlyList<WindowKey> windows) : RateLimiter
{
    // Stateless, so always "idle": the middleware's partition table drops it at its next sweep.
    public override TimeSpan? IdleDuration => TimeSpan.MaxValue;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Take(permitCount);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Take(permitCount));

    private RateLimitLease Take(int permitCount)
    {
        if (permitCount == 0)
        {
            return WindowLease.Granted; // asking whether any is left takes nothing
        }
        var decision = counter.TryTake(windows, clock.GetUtcNow());
        return decision.Allowed ? WindowLease.Granted : new WindowLease(false, decision.RetryAfter);
    }

    private sealed class WindowLease(bool acquired, TimeSpan retryAfter) : RateLimitLease
    {
        public static readonly WindowLease Granted = new(true, TimeSpan.Zero);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => acquired ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = !acquired && metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
