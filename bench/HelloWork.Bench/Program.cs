using System.Diagnostics;
using HelloWork.Bench;

// bench/run.sh starts PostgreSQL and this. Arguments:
//   --db <connection string>   an empty PostgreSQL database (pg_stat_statements created in it)
//   --host <dll>               bench/HelloWork.BenchHost's built dll
//   --web <dll>                src/HelloWork.Web's built dll (start-up section)
//   --quick                    small counts
//   --only <a,b>               sections: startup,fragments,live,throughput,idle (default all); search (only when named)
//   --search-jobs N, --search-sqlite-jobs N   jobs the search section generates (1,000,000 PostgreSQL; 100,000 SQLite)
//   --out <file>               the table as Markdown
//   --hold <seconds>           idle section: keep each count open that long after measuring (to profile)
var options = Options.Parse(args);
var report = new Report();
var total = Stopwatch.StartNew();
Console.WriteLine($"bench: {(options.Quick ? "quick" : "full")} mode; {Environment.ProcessorCount} cores; load average {File.ReadAllText("/proc/loadavg").Trim()}");

if (options.Runs("startup")) await Startup.RunAsync(options, report);

if (options.Runs("search")) await Search.RunAsync(options, report);

if (options.Runs("fragments") || options.Runs("live") || options.Runs("throughput") || options.Runs("idle"))
{
    await using var app = await ServerProcess.StartAsync(options.Host, "app", options.AppEnv(), options.Loopbacks, "/login");
    using var http = Http.Create();
    await http.PostAsync(new Uri(app.BaseUrl, "/bench/raw/setup"), null);
    var echoServer = await ServerProcess.StartAsync(options.Host, "echo", Options.QuietEnv(), options.Loopbacks, "/");
    try
    {
        if (options.Runs("fragments")) await Fragments.RunAsync(options, report, app, http);
        Pairs? pairs = null;
        if (options.Runs("live") || options.Runs("throughput"))
        {
            pairs = await Pairs.SeedAsync(app, http, Math.Max(options.LiveClients / 2, options.SenderCounts.Max()));
        }
        if (options.Runs("live")) await LivePath.RunAsync(options, report, app, echoServer, http, pairs!);
        if (options.Runs("throughput")) await Throughput.RunAsync(options, report, app, http, pairs!);
        if (options.Runs("idle")) await Idle.RunAsync(options, report, app, echoServer, http);
    }
    finally
    {
        await echoServer.DisposeAsync();
    }
}

var load = File.ReadAllText("/proc/loadavg").Trim();
report.Note($"{(options.Quick ? "quick" : "full")} mode, {DateTime.Now:yyyy-MM-dd HH:mm}, {Environment.ProcessorCount} cores, load average at the end {load}, whole run {total.Elapsed.TotalSeconds:0} s");
var markdown = report.Markdown();
Console.WriteLine();
Console.WriteLine(markdown);
if (options.Out is { } file) File.WriteAllText(file, markdown);
return 0;
