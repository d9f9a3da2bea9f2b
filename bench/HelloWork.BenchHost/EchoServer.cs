using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;

namespace HelloWork.BenchHost;

/// <summary>
/// The live path's baseline: a raw Kestrel WebSocket server in its own process. /echo sends every
/// message back as it came; /bench/broadcast sends one small text frame to every open socket.
/// Each socket holds one 4 KB receive buffer, as a minimal server would.
/// </summary>
public static class EchoServer
{
    private static readonly ConcurrentDictionary<long, WebSocket> Sockets = new();
    private static long _next;

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });
        app.MapGet("/", () => "echo");
        app.Map("/echo", EchoAsync);
        app.MapPost("/bench/broadcast", BroadcastAsync);
        app.MapPost("/bench/gc", BenchStats.Collect);
        await app.RunAsync();
    }

    private static async Task EchoAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var id = Interlocked.Increment(ref _next);
        Sockets[id] = socket;
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close) break;
                await socket.SendAsync(buffer.AsMemory(0, result.Count), result.MessageType, result.EndOfMessage, context.RequestAborted);
            }
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // the client went away
        }
        finally
        {
            Sockets.TryRemove(id, out _);
        }
    }

    private static async Task<IResult> BroadcastAsync()
    {
        var frame = Encoding.UTF8.GetBytes("{\"type\":1,\"target\":\"NoticeReceived\",\"arguments\":[0]}\u001e");
        var sent = 0;
        await Parallel.ForEachAsync(Sockets.Values, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (socket, ct) =>
        {
            try
            {
                await socket.SendAsync(frame, WebSocketMessageType.Text, true, ct);
                Interlocked.Increment(ref sent);
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
            {
                // closed meanwhile
            }
        });
        return Results.Ok(new { sent });
    }
}
