using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace HelloWork.Tests.Infrastructure;

/// <summary>
/// What the reverse proxy in front of the instances (docker-compose.yml, Caddy with a sticky
/// cookie) does for one browser: every request and the live connection go to the instance the
/// browser is stuck to; when that instance no longer accepts connections, to the next one that
/// does, and the browser stays there. The browser only ever sees one address.
/// </summary>
public sealed class StickyRoute
{
    /// <summary>The one address the browser knows (cookies are kept for it).</summary>
    public static readonly Uri PublicAddress = new("http://hellowork.test/");

    private readonly IReadOnlyList<AppInstance> _instances;
    private readonly object _gate = new();
    private AppInstance _current;

    public StickyRoute(IReadOnlyList<AppInstance> instances, AppInstance first)
    {
        _instances = instances;
        _current = first;
    }

    public AppInstance Current
    {
        get { lock (_gate) return _current; }
    }

    /// <summary>A browser with no cookies yet, behind this route.</summary>
    public UserClient Browser()
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new CookieHandler(cookies) { InnerHandler = Handler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) })
        {
            BaseAddress = PublicAddress,
        };
        return new UserClient(http, cookies, PublicAddress);
    }

    /// <summary>
    /// The SignalR .NET client as the browser's page uses it (negotiate, then WebSockets), through
    /// this route; reconnects by itself. <paramref name="opened"/> gets each WebSocket made.
    /// </summary>
    public HubConnection Live(UserClient browser, Action<WebSocket>? opened = null)
    {
        var cookie = browser.CookieHeader;
        return new HubConnectionBuilder()
            .WithUrl(new Uri(PublicAddress, "/hubs/live"), HttpTransportType.WebSockets, o =>
            {
                o.Headers["Cookie"] = cookie;
                o.HttpMessageHandlerFactory = inner => Handler(inner);
                o.WebSocketFactory = async (context, ct) =>
                {
                    var socket = await SendAsync(async instance =>
                    {
                        var ws = new ClientWebSocket();
                        ws.Options.SetRequestHeader("Cookie", cookie);
                        try
                        {
                            await ws.ConnectAsync(ToInstance(context.Uri, instance, webSocket: true), ct);
                            return ws;
                        }
                        catch
                        {
                            ws.Dispose();
                            throw;
                        }
                    });
                    opened?.Invoke(socket);
                    return socket;
                };
            })
            .WithAutomaticReconnect(new LiveConnections.ShortRetries())
            .Build();
    }

    private DelegatingHandler Handler(HttpMessageHandler inner) => new RouteHandler(this) { InnerHandler = inner };

    /// <summary>Tries the instance the browser is stuck to, then each other one, until one accepts the connection.</summary>
    private async Task<T> SendAsync<T>(Func<AppInstance, Task<T>> send)
    {
        var tried = new HashSet<AppInstance>();
        while (true)
        {
            AppInstance instance;
            lock (_gate)
            {
                instance = _current;
                if (tried.Contains(instance) || !instance.Running)
                {
                    instance = _instances.FirstOrDefault(i => i.Running && !tried.Contains(i))
                               ?? throw new HttpRequestException("no instance accepts connections", null, HttpStatusCode.BadGateway);
                    _current = instance; // the proxy sets its sticky cookie to the new one
                }
            }
            tried.Add(instance);
            try
            {
                return await send(instance);
            }
            catch (Exception e) when (Refused(e))
            {
                // Nothing reached that instance: the proxy tries the next one.
            }
        }
    }

    private static bool Refused(Exception e) =>
        e is HttpRequestException or WebSocketException
        && e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
        || e.InnerException is HttpRequestException inner && Refused(inner);

    private static Uri ToInstance(Uri uri, AppInstance instance, bool webSocket = false)
    {
        var builder = new UriBuilder(uri) { Host = instance.Address.Host, Port = instance.Address.Port };
        if (webSocket) builder.Scheme = uri.Scheme is "https" or "wss" ? "wss" : "ws";
        return builder.Uri;
    }

    private sealed class RouteHandler(StickyRoute route) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            route.SendAsync(instance =>
            {
                var copy = new HttpRequestMessage(request.Method, ToInstance(request.RequestUri!, instance)) { Content = request.Content, Version = request.Version };
                foreach (var header in request.Headers) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
                return base.SendAsync(copy, ct);
            });
    }
}
