using Microsoft.AspNetCore.SignalR;

namespace HelloWork.Web.Live;

/// <summary>
/// Live connections by the sign-in session they were opened with (SEC-4). When a session ends
/// (logout, a password change, "end this session" ...), its pages are told through the session's
/// SignalR group ("SessionEnded": the page reloads and finds itself signed out), and the
/// connections are aborted at once, so a page that ignores the message hears nothing more either.
/// The group message travels through the backplane as every push does; the abort is made by each
/// instance for the connections it holds, told through Redis (<see cref="LiveBackplane.SessionsEnded"/>)
/// when there are several.
/// </summary>
public sealed class LiveSessions
{
    private readonly Dictionary<long, Dictionary<string, HubCallerContext>> _open = new();
    private readonly IHubContext<LiveHub, ILiveClient> hub;
    private readonly LiveBackplane backplane;
    private readonly ILogger<LiveSessions> logger;

    public LiveSessions(IHubContext<LiveHub, ILiveClient> hub, LiveBackplane backplane, ILogger<LiveSessions> logger)
    {
        this.hub = hub;
        this.backplane = backplane;
        this.logger = logger;
        backplane.SessionsEnded += AbortHere;
    }

    public static string Group(long sessionId) => $"session:{sessionId}";

    internal void Opened(long sessionId, HubCallerContext connection)
    {
        lock (_open)
        {
            if (!_open.TryGetValue(sessionId, out var connections)) _open[sessionId] = connections = new();
            connections[connection.ConnectionId] = connection;
        }
    }

    internal void Closed(long sessionId, string connectionId)
    {
        lock (_open)
        {
            if (_open.TryGetValue(sessionId, out var connections) && connections.Remove(connectionId) && connections.Count == 0)
            {
                _open.Remove(sessionId);
            }
        }
    }

    /// <summary>How many connections of this session this instance holds (for tests and the bench).</summary>
    public int OpenCount(long sessionId)
    {
        lock (_open) return _open.TryGetValue(sessionId, out var connections) ? connections.Count : 0;
    }

    /// <summary>Tells the sessions' pages and closes their connections. Never throws: the sessions have ended in the database already.</summary>
    public async Task EndAsync(IReadOnlyCollection<long> sessionIds)
    {
        foreach (var sessionId in sessionIds)
        {
            try
            {
                await hub.Clients.Group(Group(sessionId)).SessionEnded();
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Telling session {Session}'s pages that it ended failed; its connections are closed anyway", sessionId);
            }
        }
        AbortHere(sessionIds);
        await backplane.PublishSessionsEndedAsync(sessionIds);
    }

    /// <summary>Aborts the connections this instance holds for these sessions.</summary>
    private void AbortHere(IReadOnlyCollection<long> sessionIds)
    {
        List<HubCallerContext> connections = [];
        lock (_open)
        {
            foreach (var sessionId in sessionIds)
            {
                if (_open.Remove(sessionId, out var open)) connections.AddRange(open.Values);
            }
        }
        foreach (var connection in connections)
        {
            connection.Abort();
        }
    }
}
