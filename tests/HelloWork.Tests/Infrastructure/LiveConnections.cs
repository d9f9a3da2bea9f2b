using System.IO.Pipelines;
using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace HelloWork.Tests.Infrastructure;

/// <summary>
/// HubConnections for tests without the full SignalR client (its Http.Connections.Client does not
/// restore here): a WebSocket straight to the hub URL, no negotiate. The HubConnection does the
/// JSON protocol and its 0x1E framing; the transport below only moves bytes.
/// </summary>
public static class LiveConnections
{
    public static HubConnection Build(Func<CancellationToken, Task<WebSocket>> connect, bool withReconnect = false)
    {
        var builder = new HubConnectionBuilder();
        builder.Services.AddSingleton<IConnectionFactory>(new WebSocketConnectionFactory(connect));
        builder.Services.AddSingleton<EndPoint>(new UriEndPoint(new Uri("ws://live.test/")));
        if (withReconnect) builder.WithAutomaticReconnect(new ShortRetries());
        return builder.Build();
    }

    public static Func<CancellationToken, Task<WebSocket>> OverNetwork(Uri wsUri, string? cookieHeader) => async ct =>
    {
        var socket = new ClientWebSocket();
        if (cookieHeader is not null) socket.Options.SetRequestHeader("Cookie", cookieHeader);
        await socket.ConnectAsync(wsUri, ct);
        return socket;
    };

    public static Func<CancellationToken, Task<WebSocket>> OverTestServer(TestServer server, Uri wsUri, string? cookieHeader) => ct =>
    {
        var client = server.CreateWebSocketClient();
        if (cookieHeader is not null) client.ConfigureRequest = r => r.Headers.Cookie = cookieHeader;
        return client.ConnectAsync(wsUri, ct);
    };

    /// <summary>0, 200 ms, 500 ms, 1 s, then every 2 s, never giving up (a test restarting a server waits as long as it takes).</summary>
    private sealed class ShortRetries : IRetryPolicy
    {
        private static readonly TimeSpan[] Delays = [TimeSpan.Zero, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)];

        public TimeSpan? NextRetryDelay(RetryContext context) =>
            context.PreviousRetryCount < Delays.Length ? Delays[context.PreviousRetryCount] : TimeSpan.FromSeconds(2);
    }

    private sealed class WebSocketConnectionFactory(Func<CancellationToken, Task<WebSocket>> connect) : IConnectionFactory
    {
        public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default) =>
            new WebSocketConnection(await connect(cancellationToken));
    }

    private sealed class WebSocketConnection : ConnectionContext
    {
        private readonly WebSocket _socket;
        private readonly Pipe _incoming = new(); // socket -> HubConnection
        private readonly Pipe _outgoing = new(); // HubConnection -> socket
        private readonly Task _receiving;
        private readonly Task _sending;

        public WebSocketConnection(WebSocket socket)
        {
            _socket = socket;
            Transport = new Duplex(_incoming.Reader, _outgoing.Writer);
            _receiving = Task.Run(ReceiveLoop);
            _sending = Task.Run(SendLoop);
        }

        public override string ConnectionId { get; set; } = Guid.NewGuid().ToString("n");
        public override IFeatureCollection Features { get; } = new FeatureCollection();
        public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();
        public override IDuplexPipe Transport { get; set; }

        private async Task ReceiveLoop()
        {
            Exception? error = null;
            try
            {
                while (true)
                {
                    var result = await _socket.ReceiveAsync(_incoming.Writer.GetMemory(4096), CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close) break;
                    _incoming.Writer.Advance(result.Count);
                    if ((await _incoming.Writer.FlushAsync()).IsCompleted) break;
                }
            }
            catch (Exception e) // WebSocketException from a real socket, IOException from TestServer's: either way it is over
            {
                error = e;
            }
            // Completing the input is how the HubConnection learns the server went away (Closed / reconnect).
            await _incoming.Writer.CompleteAsync(error);
            // Stop the send loop too, or it would wait for output that will never come.
            _outgoing.Reader.CancelPendingRead();
        }

        private async Task SendLoop()
        {
            try
            {
                while (true)
                {
                    var result = await _outgoing.Reader.ReadAsync();
                    if (result.IsCanceled) break;
                    var buffer = result.Buffer;
                    // One read ends at a flush, i.e. after whole protocol messages: send it as one WebSocket
                    // message (a frame per segment) so no text frame ends inside a UTF-8 character.
                    foreach (var segment in buffer)
                        await _socket.SendAsync(segment, WebSocketMessageType.Text, endOfMessage: false, CancellationToken.None);
                    if (!buffer.IsEmpty)
                        await _socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                    _outgoing.Reader.AdvanceTo(buffer.End);
                    if (result.IsCompleted) break;
                }
                if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                }
            }
            catch (Exception)
            {
                _socket.Abort(); // a socket we cannot write to is finished; this also ends the receive loop
            }
            await _outgoing.Reader.CompleteAsync();
        }

        public override void Abort(ConnectionAbortedException abortReason)
        {
            _socket.Abort();
            _outgoing.Reader.CancelPendingRead();
        }

        public override async ValueTask DisposeAsync()
        {
            await _outgoing.Writer.CompleteAsync(); // the send loop sends Close and ends
            await _sending;
            // Give the server a moment to answer the Close, then cut the socket regardless.
            if (await Task.WhenAny(_receiving, Task.Delay(TimeSpan.FromSeconds(2))) != _receiving) _socket.Abort();
            await _receiving;
            await _incoming.Reader.CompleteAsync();
            _socket.Dispose();
        }

        private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
        {
            public PipeReader Input { get; } = input;
            public PipeWriter Output { get; } = output;
        }
    }
}
