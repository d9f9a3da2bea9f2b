using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace HelloWork.Tests.Infrastructure;

/// <summary>
/// The real services the tests talk to, started once per test process and stopped when it ends:
/// a throw-away PostgreSQL (Debian's package, own port, C.UTF-8) and an SMTP sink (aiosmtpd
/// writing a Maildir). HELLOWORK_TEST_PG (an admin connection string) uses a server of your own.
/// </summary>
public static class TestServices
{
    private static readonly Lazy<Task<string>> Postgres = new(StartPostgresAsync);
    private static readonly Lazy<Task<SmtpSink>> Smtp = new(StartSmtpAsync);
    private static readonly List<Action> Cleanups = [];

    static TestServices()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            lock (Cleanups)
            {
                foreach (var cleanup in Cleanups)
                {
                    try { cleanup(); } catch { /* best effort at exit */ }
                }
            }
        };
    }

    public static string ArtifactsDirectory
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("HELLOWORK_TEST_ARTIFACTS")
                      ?? Path.Combine(FindRepoRoot(), ".test-artifacts");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public static Task<string> PostgresAdminConnectionStringAsync() => Postgres.Value;

    public static Task<SmtpSink> SmtpSinkAsync() => Smtp.Value;

    /// <summary>A fresh, empty database on the test server; returns its connection string.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync()
    {
        var admin = await PostgresAdminConnectionStringAsync();
        var name = "hw_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true, MaxPoolSize = 20 }.ConnectionString;
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HelloWork.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("HelloWork.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task<string> StartPostgresAsync()
    {
        var given = Environment.GetEnvironmentVariable("HELLOWORK_TEST_PG");
        if (!string.IsNullOrEmpty(given))
        {
            return given;
        }
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL is not installed: run tests/run.sh (it installs Debian's postgresql) or set HELLOWORK_TEST_PG");
        // Under the system temp folder, not the checkout: the postgres user must be able to reach it
        // wherever the repository was cloned (say, under a root-only home).
        var dir = Path.Combine(Path.GetTempPath(), $"hellowork-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..34]);
        Directory.CreateDirectory(dir);
        var data = Path.Combine(dir, "data");
        var port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", $"-R postgres:postgres {dir}");
        }
        await RunAsPostgresAsync(asRoot, Path.Combine(bin, "initdb"), $"-D {data} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync");
        var options = $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await RunAsPostgresAsync(asRoot, Path.Combine(bin, "pg_ctl"), $"-D {data} -l {dir}/server.log -o \"{options}\" -w start");
        lock (Cleanups)
        {
            Cleanups.Add(() =>
            {
                RunAsPostgresAsync(asRoot, Path.Combine(bin, "pg_ctl"), $"-D {data} -m immediate -w stop").Wait(TimeSpan.FromSeconds(20));
                try { Directory.Delete(dir, recursive: true); } catch { /* left for inspection */ }
            });
        }
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Include Error Detail=true";
    }

    private static Task RunAsPostgresAsync(bool asRoot, string file, string args) =>
        asRoot ? RunAsync("runuser", $"-u postgres -- {file} {args}") : RunAsync(file, args);

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

    private static async Task<SmtpSink> StartSmtpAsync()
    {
        var dir = Path.Combine(ArtifactsDirectory, $"mail-{Environment.ProcessId}-{Guid.NewGuid():N}"[..26]);
        // A Maildir: Python's mailbox only makes tmp/new/cur when it makes the folder itself.
        foreach (var sub in new[] { "tmp", "new", "cur" })
        {
            Directory.CreateDirectory(Path.Combine(dir, sub));
        }
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", $"-m aiosmtpd -n -l 127.0.0.1:{port} -c aiosmtpd.handlers.Mailbox {dir}")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("aiosmtpd did not start");
        lock (Cleanups)
        {
            Cleanups.Add(() =>
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            });
        }
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                break;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException("The SMTP sink (python3-aiosmtpd) did not start: " + await process.StandardError.ReadToEndAsync());
            }
        }
        return new SmtpSink("127.0.0.1", port, new Maildir(dir));
    }
}

public sealed record SmtpSink(string Host, int Port, Maildir Maildir);
