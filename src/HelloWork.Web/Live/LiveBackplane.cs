using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace HelloWork.Web.Live;

public sealed class RedisSettings
{
    public const string Section = "Redis";

    /// <summary>
    /// StackExchange.Redis configuration ("redis:6379", "host:port,password=…"). Unset: one instance,
    /// pushes stay in this process. Set: pushes go through Redis to every instance (OPS-2).
    /// </summary>
    public string? ConnectionString { get; set; }
}

/// <summary>
/// The one Redis connection behind SignalR's backplane (several instances, OPS-2), and what the
/// app knows about it. Redis only carries pushes; everything that matters is in the database, so
/// while Redis is away sending goes on, pushes fail at once (they are not queued to hold up the
/// request), /healthz says "degraded", and the connection is retried in the background. When it is
/// back, every live connection on this instance is closed, so each page reconnects and fetches
/// what it missed (the page's catch-up on reconnect), and pushes flow again.
/// </summary>
public sealed class LiveBackplane(RedisSettings settings, OpenLiveConnections connections, ILogger<LiveBackplane> logger) : IDisposable
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    private readonly RedisChannel _probeChannel = RedisChannel.Literal($"probe:{Guid.NewGuid():N}");
    private static readonly RedisChannel SessionsEndedChannel = RedisChannel.Literal("sessions-ended");
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _probes = new();
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private ConnectionMultiplexer? _redis;
    private int _restoring;

    public bool Configured => !string.IsNullOrWhiteSpace(settings.ConnectionString);

    /// <summary>
    /// The options every instance uses. Start without Redis and reconnect for ever (AbortOnConnectFail
    /// off); a command while disconnected fails at once (FailFast) instead of waiting in a backlog;
    /// reconnects are tried at most 5 s apart; channels are prefixed so one Redis can serve other apps.
    /// </summary>
    public ConfigurationOptions Options()
    {
        var options = ConfigurationOptions.Parse(settings.ConnectionString!);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new ExponentialRetry(500, 5000);
        options.ChannelPrefix = RedisChannel.Literal("HelloWork");
        options.ClientName ??= "hellowork";
        return options;
    }

    /// <summary>SignalR's RedisOptions.ConnectionFactory: the backplane and the health check share this connection.</summary>
    public async Task<IConnectionMultiplexer> ConnectAsync(TextWriter log) => await ConnectionAsync(log);

    private async Task<ConnectionMultiplexer> ConnectionAsync(TextWriter log)
    {
        if (_redis is { } connected) return connected;
        await _connecting.WaitAsync();
        try
        {
            if (_redis is not null) return _redis;
            var redis = await ConnectionMultiplexer.ConnectAsync(Options(), log);
            redis.ConnectionFailed += (_, e) =>
            {
                if (e.ConnectionType == ConnectionType.Subscription)
                {
                    logger.LogWarning("Redis is unreachable ({Failure}); pushes stop until it is back, sending goes on", e.FailureType);
                }
            };
            redis.ConnectionRestored += (_, e) =>
            {
                if (e.ConnectionType == ConnectionType.Subscription) _ = RestoredAsync();
            };
            try
            {
                await redis.GetSubscriber().SubscribeAsync(_probeChannel, (_, value) =>
                {
                    if (_probes.TryRemove(value.ToString(), out var probe)) probe.TrySetResult();
                });
                await redis.GetSubscriber().SubscribeAsync(SessionsEndedChannel, (_, value) => OnSessionsEnded(value.ToString()));
            }
            catch (RedisException e)
            {
                // The subscription is kept and made when Redis is reachable, with the backplane's own.
                logger.LogWarning("Redis not reachable at start ({Error}); retrying in the background", e.Message);
            }
            _redis = redis;
            return redis;
        }
        finally
        {
            _connecting.Release();
        }
    }

    /// <summary>"off" without Redis; "ok" when a message published now comes back through this instance's subscription; else "unavailable".</summary>
    public async Task<string> StateAsync(CancellationToken ct)
    {
        if (!Configured) return "off";
        return await RoundTripAsync(await ConnectionAsync(TextWriter.Null), ct) ? "ok" : "unavailable";
    }

    private async Task<bool> RoundTripAsync(ConnectionMultiplexer redis, CancellationToken ct)
    {
        if (!redis.IsConnected) return false;
        var id = Guid.NewGuid().ToString("N");
        var echo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _probes[id] = echo;
        try
        {
            // The probe channel was subscribed at start and is restored with every other subscription.
            await redis.GetSubscriber().PublishAsync(_probeChannel, id);
            await echo.Task.WaitAsync(ProbeTimeout, ct);
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return false;
        }
        finally
        {
            _probes.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Redis is back: once a probe makes the round trip (the subscriptions are restored), close this
    /// instance's live connections; each page reconnects at once and fetches what it missed.
    /// </summary>
    private async Task RestoredAsync()
    {
        if (Interlocked.Exchange(ref _restoring, 1) == 1 || _redis is not { } redis) return;
        try
        {
            for (var attempt = 0; attempt < 20 && !await RoundTripAsync(redis, CancellationToken.None); attempt++)
            {
                await Task.Delay(250);
            }
            var closed = connections.CloseAll();
            logger.LogInformation("Redis is back; {Count} live connections closed so their pages catch up", closed);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Catching up after Redis came back failed");
        }
        finally
        {
            Interlocked.Exchange(ref _restoring, 0);
        }
    }

    /// <summary>Raised on every instance (this one too) when any instance ends sign-in sessions, with their ids.</summary>
    public event Action<IReadOnlyList<long>>? SessionsEnded;

    /// <summary>
    /// Tells every instance that these sessions ended, so each aborts the live connections it holds
    /// for them (SEC-4 across instances). Without Redis there is no other instance: nothing to do.
    /// While Redis is away the message is lost; the connections it would have closed are closed
    /// anyway when Redis is back (<see cref="RestoredAsync"/>) and cannot reconnect without a session.
    /// </summary>
    public async Task PublishSessionsEndedAsync(IReadOnlyCollection<long> sessionIds)
    {
        if (!Configured || sessionIds.Count == 0) return;
        try
        {
            var redis = await ConnectionAsync(TextWriter.Null);
            await redis.GetSubscriber().PublishAsync(SessionsEndedChannel, string.Join(',', sessionIds));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning("Telling the other instances that {Count} sessions ended failed ({Error}); they close their connections when Redis is back", sessionIds.Count, e.Message);
        }
    }

    private void OnSessionsEnded(string ids)
    {
        var parsed = ids.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(id => long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1)
            .Where(n => n > 0).ToList();
        if (parsed.Count > 0) SessionsEnded?.Invoke(parsed);
    }

    public void Dispose() => _redis?.Dispose();
}

/// <summary>The live connections open on this instance (to close them all when their pushes may have been missed).</summary>
public sealed class OpenLiveConnections
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _open = new();

    public void Add(HubCallerContext context) => _open[context.ConnectionId] = context;

    public void Remove(HubCallerContext context) => _open.TryRemove(context.ConnectionId, out _);

    public int Count => _open.Count;

    public int CloseAll()
    {
        var closed = 0;
        foreach (var context in _open.Values)
        {
            context.Abort();
            closed++;
        }
        return closed;
    }
}
