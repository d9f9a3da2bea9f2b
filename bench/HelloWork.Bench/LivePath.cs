using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;

namespace HelloWork.Bench;

/// <summary>
/// N connected people in N/2 pairs; each sends its partner one message a second (its own thread
/// per direction, so each thread has one sender) and so receives about one a second. Send to
/// receipt = from the start of the POST until the partner's live connection has the push; full
/// path = until the partner's page has fetched the message. Baseline: the same N clients each
/// sending one message a second to the raw WebSocket echo server, round trip.
/// </summary>
public static class LivePath
{
    public static async Task RunAsync(Options options, Report report, ServerProcess app, ServerProcess echo, HttpClient http, Pairs pairs)
    {
        var n = options.LiveClients;
        Console.WriteLine($"== live path: {n} clients, {options.LiveDuration.TotalSeconds:0} s");
        var echoRtt = await EchoAsync(options, echo, n);
        Console.WriteLine($"  echo: {echoRtt.Count} round trips, p50 {Report.Ms(echoRtt.P(0.5))} p99 {Report.Ms(echoRtt.P(0.99))}");

        // Client 2i is pair i's seeker (receives ToSeeker, sends ToEmployer); 2i+1 the employer.
        var pages = new LivePage[n];
        var senders = new Sender[n];
        for (var c = 0; c < n; c++)
        {
            var pair = pairs.All[c / 2];
            var (me, inbound, outbound) = c % 2 == 0 ? (pair.Seeker, pair.ToSeeker, pair.ToEmployer) : (pair.Employer, pair.ToEmployer, pair.ToSeeker);
            pages[c] = new LivePage(app, c, http, me, inbound, pairs.Last(inbound));
            senders[c] = new Sender(app, c, http, me, outbound, pairs.Last(outbound));
        }
        var connect = Stopwatch.StartNew();
        await Parallel.ForEachAsync(pages, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (p, _) => await p.StartAsync());
        Console.WriteLine($"  {n} live connections in {connect.Elapsed.TotalSeconds:0.0} s");

        var cpu0 = app.Cpu();
        var clock = Stopwatch.StartNew();
        var stored = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = n }, async (c, _) =>
        {
            var offset = TimeSpan.FromMilliseconds(1000.0 * c / n);
            for (var k = 0; ; k++)
            {
                var due = offset + TimeSpan.FromSeconds(k);
                if (due >= options.LiveDuration) break;
                if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
                if (await senders[c].SendAsync($"{k}通目: 面接の日程についてご連絡します。")) Interlocked.Increment(ref stored);
            }
        });
        var sending = clock.Elapsed;
        var drain = Stopwatch.StartNew();
        while (drain.Elapsed < TimeSpan.FromSeconds(30) && pages.Sum(p => p.Fetched.Count) < stored) await Task.Delay(100);
        var cpu = app.Cpu() - cpu0;

        var receipt = new Latencies();
        var full = new Latencies();
        var lost = 0;
        for (var c = 0; c < n; c++)
        {
            var page = pages[c];
            var sender = senders[c % 2 == 0 ? c + 1 : c - 1]; // the partner writes into this page's thread
            var first = pairs.Last(page.Thread);
            long[] pushes;
            lock (page.Pushes) pushes = page.Pushes.ToArray();
            for (var seq = first + 1; seq <= sender.Last; seq++)
            {
                var start = sender.Started[seq];
                var k = (int)(seq - first - 1);
                if (k < pushes.Length) receipt.Add(start, pushes[k]);
                if (page.Fetched.TryGetValue(seq, out var at)) full.Add(start, at);
                else lost++;
            }
        }
        var duplicates = pages.Sum(p => p.Duplicates);
        var reordered = pages.Sum(p => p.Reordered);
        var refused = senders.Sum(s => s.Refused);
        foreach (var s in senders) pairs.LastSeq[s.Thread] = s.Last;
        await Parallel.ForEachAsync(pages, async (p, _) => await p.DisposeAsync());

        double offered = n; // messages per second asked for
        var rate = stored / sending.TotalSeconds;
        report.Add("Live path", $"send → push at recipient, p50 ({n} clients)", Report.Ms(receipt.P(0.5)), $"{Report.Ms(echoRtt.P(0.5))} echo",
            receipt.P(0.5) / echoRtt.P(0.5), "≤ 2×", receipt.P(0.5) <= 2 * echoRtt.P(0.5));
        report.Add("Live path", "send → push at recipient, p95", Report.Ms(receipt.P(0.95)), $"{Report.Ms(echoRtt.P(0.95))} echo", receipt.P(0.95) / echoRtt.P(0.95));
        report.Add("Live path", "send → push at recipient, p99", Report.Ms(receipt.P(0.99)), $"{Report.Ms(echoRtt.P(0.99))} echo",
            receipt.P(0.99) / echoRtt.P(0.99), "≤ 3×", receipt.P(0.99) <= 3 * echoRtt.P(0.99));
        report.Add("Live path", "full path POST → commit → push → page fetch, p50 / p99", $"{Report.Ms(full.P(0.5))} / {Report.Ms(full.P(0.99))}",
            $"{Report.Ms(echoRtt.P(0.99))} echo p99", full.P(0.99) / echoRtt.P(0.99), "p99 ≤ 50 ms", full.P(0.99) <= 50);
        report.Add("Live path", "messages stored per second (offered)", $"{Report.N(rate)} ({Report.N(offered)} offered)", "", rate / offered, "= offered", rate >= 0.95 * offered);
        report.Add("Live path", "lost / duplicated / reordered", $"{lost} / {duplicates} / {reordered}", "", null, "0 / 0 / 0", lost + duplicates + reordered == 0);
        report.Note($"live path: {stored} messages stored in {sending.TotalSeconds:0.0} s, {refused} sends refused or failed, server CPU {cpu.TotalMilliseconds / Math.Max(1, stored):0.0} ms per message, POST p50 {Report.Ms(senders.Aggregate(new Latencies(), Merge).P(0.5))}; {pages.Sum(p => p.FetchErrors)} fetch errors");
    }

    private static Latencies Merge(Latencies all, Sender s)
    {
        return all.With(s.Post);
    }

    /// <summary>N raw WebSockets to the echo server, each sending one 60-byte text message a second and timing its return.</summary>
    public static async Task<Latencies> EchoAsync(Options options, ServerProcess echo, int n)
    {
        var rtt = new Latencies();
        var sockets = new ClientWebSocket[n];
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, ct) =>
        {
            sockets[c] = new ClientWebSocket();
            await sockets[c].ConnectAsync(new Uri($"ws://{echo.Hosts[c % echo.Hosts.Length]}:{echo.Port}/echo"), ct);
        });
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = n }, async (c, _) =>
        {
            var socket = sockets[c];
            var buffer = new byte[1024];
            var offset = TimeSpan.FromMilliseconds(1000.0 * c / n);
            for (var k = 0; ; k++)
            {
                var due = offset + TimeSpan.FromSeconds(k);
                if (due >= options.LiveDuration) break;
                if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
                var message = Encoding.UTF8.GetBytes($"{{\"type\":1,\"target\":\"MessageReceived\",\"arguments\":[{c}{k:D8}]}}\u001e");
                var start = Stopwatch.GetTimestamp();
                await socket.SendAsync(message, WebSocketMessageType.Text, true, CancellationToken.None);
                WebSocketReceiveResult result;
                do result = await socket.ReceiveAsync(buffer, CancellationToken.None); while (!result.EndOfMessage);
                rtt.Add(start, Stopwatch.GetTimestamp());
            }
        });
        foreach (var s in sockets) s.Abort();
        return rtt;
    }
}
