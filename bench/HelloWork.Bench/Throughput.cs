using System.Diagnostics;

namespace HelloWork.Bench;

/// <summary>
/// C concurrent senders (16, 64, 256), each posting into its own thread as fast as the server
/// answers (one request at a time), each thread's recipient on a live page that fetches on every
/// push. Stored, pushed and fetched per second; lost, duplicated, reordered. Baseline: the same C
/// senders storing one row each by one raw Npgsql INSERT in the same process.
/// </summary>
public static class Throughput
{
    public static async Task RunAsync(Options options, Report report, ServerProcess app, HttpClient http, Pairs pairs)
    {
        var max = options.SenderCounts.Max();
        Console.WriteLine($"== throughput: {string.Join('/', options.SenderCounts)} senders, {options.ThroughputDuration.TotalSeconds:0} s each");
        var pages = Enumerable.Range(0, max).Select(i => new LivePage(app, i, http, pairs.All[i].Seeker, pairs.All[i].ToSeeker, pairs.Last(pairs.All[i].ToSeeker))).ToArray();
        await Parallel.ForEachAsync(pages, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (p, _) => await p.StartAsync());
        foreach (var c in options.SenderCounts)
        {
            var senders = Enumerable.Range(0, c).Select(i => new Sender(app, i, http, pairs.All[i].Employer, pairs.All[i].ToSeeker, pairs.Last(pairs.All[i].ToSeeker))).ToArray();
            var firstSeq = senders.Select(s => s.Last).ToArray();
            var pushes0 = pages.Take(c).Select(p => p.PushCount).ToArray();
            var fetched0 = pages.Take(c).Select(p => p.Fetched.Count).ToArray();
            var dup0 = pages.Take(c).Sum(p => p.Duplicates + 0L);
            var reo0 = pages.Take(c).Sum(p => p.Reordered + 0L);
            var stats0 = await Fragments.Stats(app, http);
            var cpu0 = app.Cpu();
            var start = Stopwatch.GetTimestamp();
            var clock = Stopwatch.StartNew();
            var stored = 0;
            await Parallel.ForEachAsync(senders, new ParallelOptions { MaxDegreeOfParallelism = c }, async (s, _) =>
            {
                for (var k = 0; clock.Elapsed < options.ThroughputDuration; k++)
                {
                    if (await s.SendAsync($"{k}通目: 書類選考の結果をお知らせします。")) Interlocked.Increment(ref stored);
                }
            });
            var sending = clock.Elapsed;
            var drain = Stopwatch.StartNew();
            int Fetched() => pages.Take(c).Select((p, i) => p.Fetched.Count - fetched0[i]).Sum();
            while (drain.Elapsed < TimeSpan.FromSeconds(30) && Fetched() < stored) await Task.Delay(50);
            var cpu = app.Cpu() - cpu0;
            var stats = (await Fragments.Stats(app, http)).Minus(stats0);

            var pushed = pages.Take(c).Select((p, i) => p.PushCount - pushes0[i]).Sum();
            var lastPush = pages.Take(c).Select(p => { lock (p.Pushes) return p.Pushes.Count > 0 ? p.Pushes[^1] : start; }).Max();
            var fetchedTimes = pages.Take(c).SelectMany((p, i) => p.Fetched.Where(f => f.Key > firstSeq[i])).Select(f => f.Value).ToArray();
            var lastFetch = fetchedTimes.Length > 0 ? fetchedTimes.Max() : start;
            var fetched = fetchedTimes.Length;
            var full = new Latencies();
            var lost = 0;
            for (var i = 0; i < c; i++)
            {
                for (var seq = firstSeq[i] + 1; seq <= senders[i].Last; seq++)
                {
                    if (pages[i].Fetched.TryGetValue(seq, out var at)) full.Add(senders[i].Started[seq], at);
                    else lost++;
                }
                pairs.LastSeq[senders[i].Thread] = senders[i].Last;
            }
            var duplicated = pages.Take(c).Sum(p => p.Duplicates + 0L) - dup0;
            var reordered = pages.Take(c).Sum(p => p.Reordered + 0L) - reo0;
            var post = senders.Aggregate(new Latencies(), (all, s) => all.With(s.Post));

            var raw = await RawAsync(options, app, http, c);
            var storedRate = stored / sending.TotalSeconds;
            var fetchedRate = fetched / Math.Max(1e-3, Stopwatch.GetElapsedTime(start, lastFetch).TotalSeconds);
            var pushedRate = pushed / Math.Max(1e-3, Stopwatch.GetElapsedTime(start, lastPush).TotalSeconds);
            report.Add("Throughput", $"{c} senders: messages/s stored / pushed / fetched",
                $"{Report.N(storedRate)} / {Report.N(pushedRate)} / {Report.N(fetchedRate)}", $"{Report.N(raw)} raw INSERT/s",
                storedRate / raw, "≥ 2,000/s", Math.Min(storedRate, fetchedRate) >= 2000);
            report.Add("Throughput", $"{c} senders: POST p50 / p99; full path p99", $"{Report.Ms(post.P(0.5))} / {Report.Ms(post.P(0.99))}; {Report.Ms(full.P(0.99))}");
            report.Add("Throughput", $"{c} senders: lost / duplicated / reordered", $"{lost} / {duplicated} / {reordered}", "", null, "0 / 0 / 0", lost + duplicated + reordered == 0);
            report.Add("Throughput", $"{c} senders: per message stored+fetched",
                $"{cpu.TotalMilliseconds / Math.Max(1, stored):0.0} ms server CPU; {(double)stats.Commands / Math.Max(1, stored):0.0} EF commands; {(double)stats.Statements.All / Math.Max(1, stored):0.0} SQL statements ({(double)stats.Statements.Discard / Math.Max(1, stored):0.0} DISCARD ALL)");
            if (senders.Sum(s => s.Refused) is var refused and > 0) report.Note($"throughput {c}: {refused} sends refused or failed");
        }
        await Parallel.ForEachAsync(pages, async (p, _) => await p.DisposeAsync());
    }

    /// <summary>The same number of senders, each storing a row by one INSERT (durable commit) through /bench/raw/send.</summary>
    private static async Task<double> RawAsync(Options options, ServerProcess app, HttpClient http, int c)
    {
        var stored = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, c), new ParallelOptions { MaxDegreeOfParallelism = c }, async (i, _) =>
        {
            var url = app.Url(i, $"/bench/raw/send/{i}");
            while (clock.Elapsed < options.ThroughputDuration)
            {
                using var response = await http.PostAsync(url, new StringContent("書類選考の結果をお知らせします。"));
                if (response.IsSuccessStatusCode) Interlocked.Increment(ref stored);
            }
        });
        return stored / clock.Elapsed.TotalSeconds;
    }
}
