using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;

namespace HelloWork.Tests.Infrastructure;

/// <summary>
/// The SignalR .NET client (Microsoft.AspNetCore.SignalR.Client) as a signed-in person's page uses
/// it: negotiate, then WebSockets only, with the person's cookie on both.
/// </summary>
public static class LiveConnections
{
    private const string HubPath = "/hubs/live";

    /// <summary>
    /// Through the in-memory test server. <paramref name="server"/> is asked again on every
    /// (re)connect, so a connection follows a server that was restarted; <paramref name="opened"/>
    /// gets each WebSocket made, so a test can cut it. <paramref name="origin"/> is sent as a
    /// browser would send its page's origin (the .NET client sends none of its own).
    /// </summary>
    public static HubConnection OverTestServer(Func<TestServer> server, string? cookieHeader, bool withReconnect = false, Action<WebSocket>? opened = null,
        string? origin = null, HttpTransportType transport = HttpTransportType.WebSockets) =>
        Build(new Uri("http://localhost" + HubPath), cookieHeader, withReconnect, transport, o =>
        {
            if (origin is not null) o.Headers["Origin"] = origin;
            o.HttpMessageHandlerFactory = _ => server().CreateHandler();
            o.WebSocketFactory = async (context, ct) =>
            {
                var client = server().CreateWebSocketClient();
                client.ConfigureRequest = r =>
                {
                    if (!string.IsNullOrEmpty(cookieHeader)) r.Headers.Cookie = cookieHeader;
                    if (origin is not null) r.Headers.Origin = origin;
                };
                var socket = await client.ConnectAsync(context.Uri, ct);
                opened?.Invoke(socket);
                return socket;
            };
        });

    public static HubConnection OverTestServer(TestServer server, string? cookieHeader, bool withReconnect = false, string? origin = null,
        HttpTransportType transport = HttpTransportType.WebSockets) =>
        OverTestServer(() => server, cookieHeader, withReconnect, origin: origin, transport: transport);

    /// <summary>To a server on a real port (the bench).</summary>
    public static HubConnection OverNetwork(Uri baseUrl, string? cookieHeader, bool withReconnect = false) =>
        Build(new Uri(baseUrl, HubPath), cookieHeader, withReconnect, HttpTransportType.WebSockets, _ => { });

    private static HubConnection Build(Uri url, string? cookieHeader, bool withReconnect, HttpTransportType transport,
        Action<Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions> configure)
    {
        var builder = new HubConnectionBuilder().WithUrl(url, transport, o =>
        {
            // Sent with negotiate; the WebSocket request gets it in OverTestServer's factory, or
            // from these headers in the client's own WebSocket transport.
            if (!string.IsNullOrEmpty(cookieHeader)) o.Headers["Cookie"] = cookieHeader;
            configure(o);
        });
        if (withReconnect) builder.WithAutomaticReconnect(new ShortRetries());
        return builder.Build();
    }

    /// <summary>0, 200 ms, 500 ms, 1 s, then every 2 s, never giving up (a test restarting a server waits as long as it takes).</summary>
    public sealed class ShortRetries : IRetryPolicy
    {
        private static readonly TimeSpan[] Delays = [TimeSpan.Zero, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)];

        public TimeSpan? NextRetryDelay(RetryContext context) =>
            context.PreviousRetryCount < Delays.Length ? Delays[context.PreviousRetryCount] : TimeSpan.FromSeconds(2);
    }
}
