using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace HelloWork.Tests.Infrastructure;

/// <summary>
/// The real services the tests talk to, started once per test process and stopped when it ends:
/// a throw-away PostgreSQL (Debian's package, own port, C.UTF-8), an SMTP sink (aiosmtpd
/// writing a Maildir) and a Redis (redis-server). HELLOWORK_TEST_PG (an admin connection string)
/// uses a PostgreSQL server of your own.
/// </summary>
public static class TestServices
{
    private static readonly Lazy<Task<string>> Postgres = new(StartPostgresAsync);
    private static readonly Lazy<Task<SmtpSink>> Smtp = new(StartSmtpAsync);
    private static readonly Lazy<Task<RedisServer>> Redis = new(RedisServer.StartAsync);
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

    /// <summary>The test process's Redis (started on first use).</summary>
    public static Task<RedisServer> RedisAsync() => Redis.Value;

    /// <summary>Runs <paramref name="cleanup"/> when the test process ends (servers it started).</summary>
    public static void OnExit(Action cleanup)
    {
        lock (Cleanups) Cleanups.Add(cleanup);
    }

    /// <summary>A fresh, empty database on the test server; returns its connection string.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync() => await CreatePostgresDatabaseAsync(await PostgresAdminConnectionStringAsync());

    /// <summary>A fresh, empty database on the server <paramref name="admin"/> reaches.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync(string admin)
    {
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
        return (await PostgresCluster.StartAsync()).AdminConnectionString;
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
        OnExit(() =>
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        });
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
