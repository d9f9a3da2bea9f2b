namespace HelloWork.Bench;

public sealed class Options
{
    public bool Quick { get; private init; }
    public string Db { get; private init; } = "";
    public string Host { get; private init; } = "";
    public string Web { get; private init; } = "";
    public string? Out { get; private init; }
    public HashSet<string>? Only { get; private init; }
    /// <summary>--hold &lt;seconds&gt;: keep each idle count open this long after measuring it, to profile the server.</summary>
    public TimeSpan Hold { get; private init; }
    public string Work { get; } = Path.Combine(Path.GetTempPath(), $"hellowork-bench-{Environment.ProcessId}");

    // The counts: quick for a couple of minutes on 2 cores, full as the issue asks.
    public int LiveClients => Quick ? 100 : 1000;
    public TimeSpan LiveDuration => TimeSpan.FromSeconds(Quick ? 10 : 20);
    public int[] SenderCounts => [16, 64, 256];
    public TimeSpan ThroughputDuration => TimeSpan.FromSeconds(Quick ? 5 : 10);
    public TimeSpan FragmentDuration => TimeSpan.FromSeconds(Quick ? 4 : 10);
    public int FragmentConcurrency => 16;
    public int StartupRuns => Quick ? 2 : 5;
    public int[] IdleCounts => Quick ? [2000] : [5000, 10000, 20000];

    /// <summary>Servers listen on several loopback addresses so that 20,000 connections do not run out of ephemeral ports.</summary>
    public string[] Loopbacks => ["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"];

    /// <summary>The search section runs only when asked for (--only search): it fills a million jobs first.</summary>
    public bool Runs(string section) => section == "search" ? Only?.Contains(section) == true : Only is null || Only.Contains(section);

    /// <summary>--search-jobs N: jobs generated into PostgreSQL for the search section (1,000,000); 0 skips it.</summary>
    public int SearchJobs { get; private init; }
    /// <summary>--search-sqlite-jobs N: jobs generated into a SQLite file for the search section (100,000); 0 skips it.</summary>
    public int SearchSqliteJobs { get; private init; }

    public static Options Parse(string[] args)
    {
        string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var options = new Options
        {
            Quick = args.Contains("--quick"),
            Db = Arg("--db") ?? throw new ArgumentException("--db <connection string> is required"),
            Host = Arg("--host") ?? throw new ArgumentException("--host <HelloWork.BenchHost.dll> is required"),
            Web = Arg("--web") ?? throw new ArgumentException("--web <HelloWork.Web.dll> is required"),
            Out = Arg("--out"),
            Hold = TimeSpan.FromSeconds(int.Parse(Arg("--hold") ?? "0")),
            SearchJobs = int.Parse(Arg("--search-jobs") ?? "1000000"),
            SearchSqliteJobs = int.Parse(Arg("--search-sqlite-jobs") ?? "100000"),
            Only = Arg("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(),
        };
        Directory.CreateDirectory(options.Work);
        return options;
    }

    public static Dictionary<string, string> QuietEnv() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning",
    };

    /// <summary>The app as production runs it (Production, PostgreSQL), mail to a folder, no demo data.</summary>
    public Dictionary<string, string> AppEnv()
    {
        var env = QuietEnv();
        env["Database__Provider"] = "Postgres";
        env["Database__ConnectionString"] = Db;
        env["Database__SeedDemoData"] = "false";
        env["Mail__Delivery"] = "Pickup";
        env["Mail__PickupDirectory"] = Path.Combine(Work, "mail");
        env["Mail__PublicBaseUrl"] = "http://127.0.0.1";
        env["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Error";
        return env;
    }
}
