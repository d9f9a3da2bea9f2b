using Microsoft.AspNetCore.SignalR;

namespace HelloWork.Web.Live;

/// <summary>
/// Live connections by the sign-in session they were opened with (SEC-4). When a session ends
/// (logout, a password change, "end this session" ...), its pages are told through the session's
/// SignalR group ("SessionEnded": the page reloads and finds itself signed out), and the
/// connections this instance holds are aborted at once, so a page that ignores the message hears
/// nothing more either. The group message travels through a backplane as every push does; the
/// abort reaches only this instance's connections (a backplane will need each instance to hear the
/// ending, see README).
/// </summary>
public sealed class LiveSessions(IHubContext<LiveHub, ILiveClient> hub, ILogger<LiveSessions> logger)
{
    private readonly Dictionary<long, Dictionary<string, HubCallerContext>> _open = new();

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
            List<HubCallerContext> connections;
            lock (_open)
            {
                connections = _open.Remove(sessionId, out var open) ? [.. open.Values] : [];
            }
            foreach (var connection in connections)
            {
                connection.Abort();
            }
        }
    }
}
