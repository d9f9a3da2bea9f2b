using System.Collections.Concurrent;

namespace HelloWork.Web.Live;

/// <summary>
/// The owner of every negotiated live connection token on this instance (SEC-7, see
/// <see cref="LiveConnectionGuard"/>). An entry goes when its connection closes; one whose
/// connection never opened goes after <see cref="Unused"/> (SignalR drops such a connection
/// within seconds).
/// </summary>
public sealed class LiveConnectionOwners(TimeProvider clock)
{
    public static readonly TimeSpan Unused = TimeSpan.FromMinutes(10);

    private sealed class Entry(LiveOwner owner, string token, DateTimeOffset negotiatedAt)
    {
        public LiveOwner Owner { get; } = owner;
        public string Token { get; } = token;
        public DateTimeOffset NegotiatedAt { get; } = negotiatedAt;
        public volatile bool Opened;
    }

    private readonly ConcurrentDictionary<string, Entry> _byToken = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry> _byConnection = new(StringComparer.Ordinal);
    private long _sweptTicks;

    public int Count => _byToken.Count;

    public void Negotiated(string token, string connectionId, LiveOwner owner)
    {
        var now = clock.GetUtcNow();
        SweepUnused(now);
        var entry = new Entry(owner, token, now);
        _byToken[token] = entry;
        _byConnection[connectionId] = entry;
    }

    public bool IsOwnedBy(string token, LiveOwner owner) => _byToken.TryGetValue(token, out var entry) && entry.Owner == owner;

    /// <summary>The hub accepted the connection: its entry stays until <see cref="Closed"/>.</summary>
    public void Opened(string connectionId)
    {
        if (_byConnection.TryGetValue(connectionId, out var entry)) entry.Opened = true;
    }

    public void Closed(string connectionId)
    {
        if (_byConnection.TryRemove(connectionId, out var entry)) _byToken.TryRemove(entry.Token, out _);
    }

    private void SweepUnused(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _sweptTicks);
        if (now.UtcTicks - last < TimeSpan.TicksPerMinute || Interlocked.CompareExchange(ref _sweptTicks, now.UtcTicks, last) != last) return;
        foreach (var (connectionId, entry) in _byConnection)
        {
            if (!entry.Opened && now - entry.NegotiatedAt > Unused) Closed(connectionId);
        }
    }
}
