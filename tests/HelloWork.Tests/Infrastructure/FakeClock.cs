namespace HelloWork.Tests.Infrastructure;

/// <summary>The one clock every rule reads; tests move it instead of waiting.</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public DateTime UtcNow => GetUtcNow().UtcDateTime;

    public void Advance(TimeSpan by)
    {
        lock (_gate) _now += by;
    }

    public void Set(DateTimeOffset to)
    {
        lock (_gate) _now = to;
    }
}
