using System.Diagnostics;

namespace HelloWork.Tests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL cluster (Debian's package): initdb in a temp dir, its own port, C.UTF-8,
/// no fsync (a crash of the server process keeps what the OS holds; only the machine's would lose
/// it), but every commit written out before it is answered, as in production: with
/// synchronous_commit=off an immediate stop lost the last commits, which a real restart never does;
/// stopped and deleted when the test process ends. The shared test server is one
/// (TestServices); a test that restarts PostgreSQL starts one of its own, so nothing else notices.
/// </summary>
public sealed class PostgresCluster
{
    private readonly string _bin;
    private readonly string _dir;
    private readonly int _port;
    private readonly bool _asRoot = Environment.UserName == "root";

    private PostgresCluster(string bin, string dir, int port)
    {
        _bin = bin;
        _dir = dir;
        _port = port;
    }

    private string Data => Path.Combine(_dir, "data");

    public string AdminConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Include Error Detail=true";

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL is not installed: run tests/run.sh (it installs Debian's postgresql) or set HELLOWORK_TEST_PG");
        // Under the system temp folder, not the checkout: the postgres user must be able to reach it
        // wherever the repository was cloned (say, under a root-only home).
        var dir = Path.Combine(Path.GetTempPath(), $"hellowork-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..34]);
        Directory.CreateDirectory(dir);
        var cluster = new PostgresCluster(bin, dir, TestServices.FreePort());
        if (cluster._asRoot)
        {
            await RunAsync("chown", $"-R postgres:postgres {dir}");
        }
        await cluster.PgAsync("initdb", $"-D {cluster.Data} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync");
        TestServices.OnExit(() =>
        {
            cluster.PgAsync("pg_ctl", $"-D {cluster.Data} -m immediate -w stop").Wait(TimeSpan.FromSeconds(20));
            try { Directory.Delete(dir, recursive: true); } catch { /* left for inspection */ }
        });
        await cluster.StartAgainAsync();
        return cluster;
    }

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public Task StartAgainAsync()
    {
        var options = $"-p {_port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=300";
        return PgAsync("pg_ctl", $"-D {Data} -l {_dir}/server.log -o \"{options}\" -w start");
    }

    /// <summary>Stops it at once, as a crash does (-m immediate): every connection is cut.</summary>
    public Task StopAsync() => PgAsync("pg_ctl", $"-D {Data} -m immediate -w stop");

    private Task PgAsync(string tool, string args) =>
        _asRoot ? RunAsync("runuser", $"-u postgres -- {Path.Combine(_bin, tool)} {args}") : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string file, string args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {args} failed ({process.ExitCode}): {await stdout}{await stderr}");
        }
    }
}
