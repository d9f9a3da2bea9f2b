namespace HelloWork.Bench;

/// <summary>
/// Process start to the first 200 of "/": the app (Production, an empty SQLite database: schema,
/// demo data, templates) against the minimal ASP.NET Core app, both `dotnet X.dll` the same way,
/// taken in turns.
/// </summary>
public static class Startup
{
    public static async Task RunAsync(Options options, Report report)
    {
        Console.WriteLine("== start-up");
        var app = new List<double>();
        var minimal = new List<double>();
        for (var run = 0; run < options.StartupRuns; run++)
        {
            var dir = Path.Combine(options.Work, $"startup-{run}");
            Directory.CreateDirectory(dir);
            var env = Options.QuietEnv();
            env["Database__Provider"] = "Sqlite";
            env["Database__ConnectionString"] = $"Data Source={Path.Combine(dir, "hellowork.db")}";
            env["Database__SeedDemoData"] = "true";
            env["Mail__PickupDirectory"] = Path.Combine(dir, "mail");
            env["Mail__PublicBaseUrl"] = "http://127.0.0.1";
            await using (var server = await ServerProcess.StartAsync(options.Web, "", env, ["127.0.0.1"]))
            {
                app.Add(server.ReadyAfter.TotalMilliseconds);
            }
            await using (var server = await ServerProcess.StartAsync(options.Host, "minimal", Options.QuietEnv(), ["127.0.0.1"]))
            {
                minimal.Add(server.ReadyAfter.TotalMilliseconds);
            }
            Console.WriteLine($"  run {run + 1}: app {app[^1]:0} ms, minimal {minimal[^1]:0} ms");
        }
        var a = Median(app);
        var m = Median(minimal);
        report.Add("Start-up", $"process start → first page, empty SQLite (median of {options.StartupRuns})", Report.Ms(a),
            $"{Report.Ms(m)} minimal app", a / m, "≤ 2×", a / m <= 2);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
