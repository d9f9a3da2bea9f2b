using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HelloWork.Bench;

/// <summary>A server process the bench started (and only those are stopped, by their own id).</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    public Uri BaseUrl { get; }
    public string[] Hosts { get; }
    public int Port { get; }
    public TimeSpan ReadyAfter { get; private set; }
    private readonly List<string> _output = [];

    private ServerProcess(Process process, int port, string[] hosts)
    {
        _process = process;
        Port = port;
        Hosts = hosts;
        BaseUrl = new Uri($"http://{hosts[0]}:{port}");
    }

    public int Pid => _process.Id;

    /// <summary>`dotnet {dll} {args} --urls ...` on every loopback address given; ready when `readyPath` answers 200.</summary>
    public static async Task<ServerProcess> StartAsync(string dll, string args, IDictionary<string, string> env, string[] hosts,
        string readyPath = "/", TimeSpan? timeout = null)
    {
        var port = FreePort();
        var urls = string.Join(';', hosts.Select(h => $"http://{h}:{port}"));
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\" {args} --urls \"{urls}\"")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (k, v) in env) info.Environment[k] = v;
        var started = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{dll} did not start");
        var server = new ServerProcess(process, port, hosts);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var limit = timeout ?? TimeSpan.FromSeconds(120);
        while (started.Elapsed < limit)
        {
            if (process.HasExited) throw new InvalidOperationException($"{Path.GetFileName(dll)} {args} exited ({process.ExitCode}):\n{server.Tail()}");
            try
            {
                using var response = await http.GetAsync(new Uri(server.BaseUrl, readyPath));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    server.ReadyAfter = started.Elapsed;
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(5);
        }
        await server.DisposeAsync();
        throw new TimeoutException($"{Path.GetFileName(dll)} {args} not ready in {limit}:\n{server.Tail()}");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Add(line);
            if (_output.Count > 200) _output.RemoveAt(0);
        }
    }

    public string Tail()
    {
        lock (_output) return string.Join('\n', _output.TakeLast(40));
    }

    /// <summary>Resident memory now (VmRSS), bytes.</summary>
    public long Rss()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) return long.Parse(line[6..].Trim().Split(' ')[0]) * 1024;
        }
        return 0;
    }

    /// <summary>CPU time the process used so far (user + system).</summary>
    public TimeSpan Cpu()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public Uri Url(int i, string path) => new($"http://{Hosts[i % Hosts.Length]}:{Port}{path}");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

public static class Http
{
    /// <summary>One pooled client for all simulated people: cookies go in a header per request, as each browser would send its own.</summary>
    public static HttpClient Create(bool decompress = true) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = decompress ? DecompressionMethods.All : DecompressionMethods.None,
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
    })
    { Timeout = TimeSpan.FromSeconds(120) };

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<T> PostJsonAsync<T>(this HttpClient http, Uri url)
    {
        using var response = await http.PostAsync(url, null);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }
}

public sealed record Session(string Cookie, string Token);
public sealed record Pair(Session Seeker, Session Employer, long ToSeeker, long ToEmployer);
public sealed record Reader(Session Session, long Thread, int Threads);
public sealed record GcStats(long Heap, long Rss);
public sealed record StatementCounts(long All, long Discard);
public sealed record HostStats(long Commands, StatementCounts Statements);

/// <summary>Latencies in milliseconds.</summary>
public sealed class Latencies
{
    private readonly List<double> _ms = [];

    public void Add(double ms)
    {
        lock (_ms) _ms.Add(ms);
    }

    public void Add(long startTimestamp, long endTimestamp) => Add(Stopwatch.GetElapsedTime(startTimestamp, endTimestamp).TotalMilliseconds);

    public Latencies With(Latencies other)
    {
        double[] theirs;
        lock (other._ms) theirs = other._ms.ToArray();
        lock (_ms) _ms.AddRange(theirs);
        return this;
    }

    public int Count
    {
        get { lock (_ms) return _ms.Count; }
    }

    public double P(double p)
    {
        double[] sorted;
        lock (_ms) sorted = _ms.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
