using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HelloWork.Tests.Infrastructure;

/// <summary>
/// A throw-away Redis (Debian's redis-server) on a free port of its own, no persistence, its own
/// folder under the artifacts dir; started once per test process (TestServices.RedisAsync) and
/// stopped when it ends. Tests that need Redis to fail kill it and start it again on the same port.
/// </summary>
public sealed class RedisServer
{
    private readonly string _dir;
    private Process? _process;

    private RedisServer(string dir, int port)
    {
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    /// <summary>For StackExchange.Redis (Redis:ConnectionString).</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public bool Running => _process is { HasExited: false };

    public static async Task<RedisServer> StartAsync()
    {
        if (!File.Exists("/usr/bin/redis-server"))
        {
            throw new InvalidOperationException("redis-server is not installed: run tests/run.sh (it installs Debian's redis-server)");
        }
        var dir = Path.Combine(TestServices.ArtifactsDirectory, $"redis-{Environment.ProcessId}-{Guid.NewGuid():N}"[..28]);
        Directory.CreateDirectory(dir);
        var server = new RedisServer(dir, TestServices.FreePort());
        TestServices.OnExit(server.Kill);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts it (again, after <see cref="Kill"/>) on the same port and waits until it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        if (Running) throw new InvalidOperationException("redis-server is already running");
        // set-proc-title no: the command line keeps the artifacts path, which is how tests/run.sh
        // recognises a server a crashed test process left behind.
        var args = $"--port {Port} --bind 127.0.0.1 --save \"\" --appendonly no --daemonize no --dir {_dir} " +
                   $"--set-proc-title no --logfile {Path.Combine(_dir, "redis.log")}";
        _process = Process.Start(new ProcessStartInfo("/usr/bin/redis-server", args)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("redis-server did not start");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await AnswersPingAsync())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                var log = Path.Combine(_dir, "redis.log");
                throw new InvalidOperationException("redis-server did not start: " + (File.Exists(log) ? await File.ReadAllTextAsync(log) : ""));
            }
            await Task.Delay(20);
        }
    }

    /// <summary>SIGKILL, as a crash: connected clients see their connections drop.</summary>
    public void Kill()
    {
        if (_process is not { } process) return;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
        _process = null;
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }
}
