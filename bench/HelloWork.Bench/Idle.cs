using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;

namespace HelloWork.Bench;

/// <summary>
/// Idle live connections at each count: the server's resident memory per connection (after a full
/// compacting collection, before and after connecting) and the time one broadcast takes to reach
/// them all. The app's are signed-in SignalR connections (one person and session each, WebSockets
/// without negotiation, JSON protocol, a ping every 10 s as the browser client sends); the
/// baseline's are raw WebSockets held by the echo server.
/// </summary>
public static class Idle
{
    public static async Task RunAsync(Options options, Report report, ServerProcess app, ServerProcess echo, HttpClient http)
    {
        Console.WriteLine($"== idle connections: {string.Join(", ", options.IdleCounts)}");
        var max = options.IdleCounts.Max();
        var baseline = await MeasureAsync(options, echo, http, max, _ => null, "/echo", signalr: false);

        var cookies = new List<string>();
        var minting = Stopwatch.StartNew();
        for (var from = 0; from < max; from += 1000)
        {
            cookies.AddRange(await http.PostJsonAsync<string[]>(new Uri(app.BaseUrl, $"/bench/idle?from={from}&count={Math.Min(1000, max - from)}")));
        }
        Console.WriteLine($"  {max} sessions made in {minting.Elapsed.TotalSeconds:0} s");
        var measured = await MeasureAsync(options, app, http, max, i => cookies[i], "/hubs/live", signalr: true);

        foreach (var count in options.IdleCounts)
        {
            var a = measured[count];
            var b = baseline[count];
            report.Add("Idle connections", $"{count:#,0}: server memory per connection (RSS)", Report.Kb(a.RssPer), $"{Report.Kb(b.RssPer)} echo",
                a.RssPer / b.RssPer, "≤ 30 KB at 20,000", count == 20000 || options.Quick ? a.RssPer <= 30 * 1024 : null);
            report.Add("Idle connections", $"{count:#,0}: managed heap per connection", Report.Kb(a.HeapPer), $"{Report.Kb(b.HeapPer)} echo", a.HeapPer / b.HeapPer);
            report.Add("Idle connections", $"{count:#,0}: one broadcast reaches all", $"{Report.Ms(a.Broadcast)}{(a.Missed > 0 ? $" ({a.Missed} missed)" : "")}",
                $"{Report.Ms(b.Broadcast)} echo{(b.Missed > 0 ? $" ({b.Missed} missed)" : "")}", a.Broadcast / b.Broadcast);
            report.Note($"idle {count}: app connected at {a.ConnectRate:0}/s ({a.Failed} failed), echo at {b.ConnectRate:0}/s ({b.Failed} failed)");
        }
    }

    private sealed record Point(double RssPer, double HeapPer, double Broadcast, int Missed, double ConnectRate, int Failed);

    private static async Task<Dictionary<int, Point>> MeasureAsync(Options options, ServerProcess server, HttpClient http, int max,
        Func<int, string?> cookie, string path, bool signalr)
    {
        var points = new Dictionary<int, Point>();
        var sockets = new List<ClientWebSocket>();
        var received = 0;
        long lastReceived = 0;
        using var stop = new CancellationTokenSource();
        var gc0 = await GcAsync(server, http);
        var pings = signalr ? PingAsync(sockets, stop.Token) : Task.CompletedTask;
        var failed = 0;
        foreach (var count in options.IdleCounts)
        {
            var from = sockets.Count;
            var connecting = Stopwatch.StartNew();
            var made = new ClientWebSocket?[count - from];
            await Parallel.ForEachAsync(Enumerable.Range(from, count - from), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
            {
                var ws = new ClientWebSocket();
                if (cookie(i) is { } c) ws.Options.SetRequestHeader("Cookie", c);
                try
                {
                    await ws.ConnectAsync(new Uri($"ws://{server.Hosts[i % server.Hosts.Length]}:{server.Port}{path}"), CancellationToken.None);
                    if (signalr)
                    {
                        await ws.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);
                        var buffer = new byte[256];
                        var answer = await ws.ReceiveAsync(buffer, CancellationToken.None);
                        if (!Encoding.UTF8.GetString(buffer, 0, answer.Count).StartsWith("{}", StringComparison.Ordinal)) throw new WebSocketException("handshake refused");
                    }
                    made[i - from] = ws;
                    _ = ReceiveAsync(ws, () =>
                    {
                        Interlocked.Increment(ref received);
                        Interlocked.Exchange(ref lastReceived, Stopwatch.GetTimestamp());
                    });
                }
                catch (Exception e) when (e is WebSocketException or HttpRequestException or IOException)
                {
                    Interlocked.Increment(ref failed);
                    ws.Dispose();
                }
            });
            var rate = (count - from) / connecting.Elapsed.TotalSeconds;
            lock (sockets) sockets.AddRange(made.Where(s => s is not null)!);
            await Task.Delay(TimeSpan.FromSeconds(3));
            var gc = await GcAsync(server, http);
            var open = sockets.Count;
            if (options.Hold > TimeSpan.Zero)
            {
                Console.WriteLine($"  holding {open} connections to pid {server.Pid} for {options.Hold.TotalSeconds:0} s (profile it now: dotnet-gcdump collect -p {server.Pid})");
                await Task.Delay(options.Hold);
            }

            Interlocked.Exchange(ref received, 0);
            var start = Stopwatch.GetTimestamp();
            using (var response = await http.PostAsync(new Uri(server.BaseUrl, "/bench/broadcast"), null)) response.EnsureSuccessStatusCode();
            var waiting = Stopwatch.StartNew();
            while (Volatile.Read(ref received) < open && waiting.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(5);
            var broadcast = Stopwatch.GetElapsedTime(start, Interlocked.Read(ref lastReceived)).TotalMilliseconds;
            points[count] = new Point((double)(gc.Rss - gc0.Rss) / open, (double)(gc.Heap - gc0.Heap) / open, broadcast, open - Volatile.Read(ref received), rate, failed);
            Console.WriteLine($"  {(signalr ? "app" : "echo")} {open} open: {Report.Kb(points[count].RssPer)} RSS, {Report.Kb(points[count].HeapPer)} heap each; broadcast {Report.Ms(broadcast)}; {rate:0} connects/s");
        }
        stop.Cancel();
        await pings;
        foreach (var s in sockets) s.Abort();
        await Task.Delay(2000);
        return points;
    }

    private static async Task ReceiveAsync(ClientWebSocket ws, Action onNotice)
    {
        var buffer = new byte[512];
        try
        {
            while (true)
            {
                var result = await ws.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close) return;
                if (buffer.AsSpan(0, result.Count).IndexOf("NoticeReceived"u8) >= 0) onNotice();
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // closed
        }
    }

    /// <summary>The SignalR client's keep-alive: a ping message every 10 s, or the server drops the connection after 30 s.</summary>
    private static async Task PingAsync(List<ClientWebSocket> sockets, CancellationToken stop)
    {
        var ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), stop);
                ClientWebSocket[] all;
                lock (sockets) all = sockets.ToArray();
                await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = stop }, async (ws, ct) =>
                {
                    try { await ws.SendAsync(ping, WebSocketMessageType.Text, true, ct); }
                    catch (Exception e) when (e is WebSocketException or ObjectDisposedException) { /* closed */ }
                });
            }
        }
        catch (OperationCanceledException)
        {
            // done
        }
    }

    private static async Task<GcStats> GcAsync(ServerProcess server, HttpClient http)
    {
        using var response = await http.PostAsync(new Uri(server.BaseUrl, "/bench/gc"), null);
        return (await response.Content.ReadFromJsonAsync<GcStats>(Http.Json))!;
    }
}
