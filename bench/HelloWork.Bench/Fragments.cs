using System.Diagnostics;
using System.IO.Compression;
using System.Net;

namespace HelloWork.Bench;

/// <summary>
/// The authenticated thread fragment and the header badges, each against /bench/raw/{key} in the
/// same process and pipeline: the same bytes, read by one raw Npgsql statement. Closed loop, the
/// same concurrency and duration for both, one after the other.
/// </summary>
public static class Fragments
{
    public static async Task RunAsync(Options options, Report report, ServerProcess app, HttpClient http)
    {
        Console.WriteLine("== fragments");
        var reader = await http.PostJsonAsync<Reader>(new Uri(app.BaseUrl, "/bench/reader?messages=50&unread=22"));
        using var wire = Http.Create(decompress: false);
        var endpoints = new (string Key, string Name, string Path)[]
        {
            ("thread", "thread fragment (50 messages)", $"/messages/{reader.Thread}/messages"),
            ("badge", $"message badge ({reader.Threads - 1} threads with undelivered messages)", "/messages/badge"),
            ("notices", "notice badge", "/notices/badge"),
        };
        foreach (var (key, name, path) in endpoints)
        {
            // The first fetch (the badge marks messages delivered: later fetches find nothing new), then one more.
            var before = await Stats(app, http);
            var (bytes, wireBytes, encoding) = await FetchAsync(wire, new Uri(app.BaseUrl, path), reader.Session);
            var first = (await Stats(app, http)).Minus(before);
            before = await Stats(app, http);
            await FetchAsync(wire, new Uri(app.BaseUrl, path), reader.Session);
            var again = (await Stats(app, http)).Minus(before);
            using (var put = await http.PutAsync(new Uri(app.BaseUrl, $"/bench/raw/{key}"), new ByteArrayContent(bytes))) put.EnsureSuccessStatusCode();

            before = await Stats(app, http);
            var appRun = await LoadAsync(options, app, http, path, reader.Session);
            var during = (await Stats(app, http)).Minus(before);
            var rawRun = await LoadAsync(options, app, http, $"/bench/raw/{key}", null);

            var gzip = Gzip(bytes);
            report.Add("Fragments", $"{name}: requests/s ({options.FragmentConcurrency} concurrent)", Report.N(appRun.PerSecond),
                $"{Report.N(rawRun.PerSecond)} raw", appRun.PerSecond / rawRun.PerSecond, "≥ 0.50×", appRun.PerSecond / rawRun.PerSecond >= 0.5);
            report.Add("Fragments", $"{name}: p99", Report.Ms(appRun.Latency.P(0.99)), $"{Report.Ms(rawRun.Latency.P(0.99))} raw",
                appRun.Latency.P(0.99) / rawRun.Latency.P(0.99), "≤ 2×", appRun.Latency.P(0.99) <= 2 * rawRun.Latency.P(0.99));
            report.Add("Fragments", $"{name}: size", $"{Report.Kb(bytes.Length)}; {Report.Kb(gzip)} gzipped; sent {Report.Kb(wireBytes)} ({encoding})",
                "", null, "≤ 10 KB compressed", wireBytes <= 10 * 1024);
            report.Add("Fragments", $"{name}: SQL per request",
                $"first {first.Commands} EF commands / {first.Statements.All} statements ({first.Statements.Discard} DISCARD ALL); then {again.Commands} / {again.Statements.All}; under load {(double)during.Commands / appRun.Requests:0.0} / {(double)during.Statements.All / appRun.Requests:0.0}",
                "1 statement raw");
            if (appRun.Errors + rawRun.Errors > 0) report.Note($"{name}: {appRun.Errors} app and {rawRun.Errors} raw requests did not answer 200");
        }
    }

    public sealed record Run(int Requests, int Errors, double PerSecond, Latencies Latency);

    private static async Task<Run> LoadAsync(Options options, ServerProcess app, HttpClient http, string path, Session? session)
    {
        var latency = new Latencies();
        var requests = 0;
        var errors = 0;
        var clock = Stopwatch.StartNew();
        var until = options.FragmentDuration;
        await Parallel.ForEachAsync(Enumerable.Range(0, options.FragmentConcurrency), new ParallelOptions { MaxDegreeOfParallelism = options.FragmentConcurrency }, async (worker, _) =>
        {
            var url = app.Url(worker, path);
            while (clock.Elapsed < until)
            {
                var start = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Add("HX-Request", "true");
                if (session is not null) request.Headers.Add("Cookie", session.Cookie);
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                latency.Add(start, Stopwatch.GetTimestamp());
                Interlocked.Increment(ref requests);
                if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
            }
        });
        return new Run(requests, errors, requests / clock.Elapsed.TotalSeconds, latency);
    }

    private static async Task<(byte[] Bytes, int WireBytes, string Encoding)> FetchAsync(HttpClient wire, Uri url, Session session)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("Cookie", session.Cookie);
        request.Headers.Add("Accept-Encoding", "gzip, deflate, br");
        using var response = await wire.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode}");
        var raw = await response.Content.ReadAsByteArrayAsync();
        var encoding = response.Content.Headers.ContentEncoding.FirstOrDefault() ?? "identity";
        Stream decoded = encoding switch
        {
            "gzip" => new GZipStream(new MemoryStream(raw), CompressionMode.Decompress),
            "br" => new BrotliStream(new MemoryStream(raw), CompressionMode.Decompress),
            "deflate" => new DeflateStream(new MemoryStream(raw), CompressionMode.Decompress),
            _ => new MemoryStream(raw),
        };
        using var output = new MemoryStream();
        await decoded.CopyToAsync(output);
        return (output.ToArray(), raw.Length, encoding);
    }

    private static int Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(bytes);
        return (int)output.Length;
    }

    public static async Task<HostStats> Stats(ServerProcess app, HttpClient http)
    {
        using var response = await http.GetAsync(new Uri(app.BaseUrl, "/bench/stats"));
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<HostStats>(response.Content, Http.Json))!;
    }

    public static HostStats Minus(this HostStats a, HostStats b) =>
        new(a.Commands - b.Commands, new StatementCounts(a.Statements.All - b.Statements.All - 1 /* the first /bench/stats query itself */, a.Statements.Discard - b.Statements.Discard));
}
