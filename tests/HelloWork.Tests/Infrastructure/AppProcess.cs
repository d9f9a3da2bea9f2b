using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace HelloWork.Tests.Infrastructure;

/// <summary>
/// The app started the way the README starts it, `dotnet run --project src/HelloWork.Web`, as its
/// own process (launch profile included), with only the variables a test gives on top of a shell
/// that sets no environment. It listens on a free loopback port (`-- --urls http://127.0.0.1:0`,
/// read back from its log) and uses the built output of the tests' own configuration (--no-build).
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    // Generous: a build machine shared with other builds can take minutes to start a process; a healthy start needs seconds.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private AppProcess(Process process) => _process = process;

    public Uri Url { get; private set; } = null!;
    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>The environment the app reported ("Hosting environment: ...").</summary>
    public string Environment { get; private set; } = null!;

    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> variables)
    {
        var configuration = typeof(AppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var start = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            ["run", "--no-build", "-c", configuration, "--project", "src/HelloWork.Web", "--", "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = TestServices.FindRepoRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The person's shell: whatever the test runner set about environments and addresses is not theirs.
        foreach (var name in start.Environment.Keys.Where(IsHostSetting).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        var app = new AppProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet run did not start"));
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var environment = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(string? line)
        {
            if (line is null) return;
            lock (app._log) app._log.AppendLine(line);
            if (NowListening().Match(line) is { Success: true } url) listening.TrySetResult(new Uri(url.Groups[1].Value));
            if (HostingEnvironment().Match(line) is { Success: true } name) environment.TrySetResult(name.Groups[1].Value);
        }
        app._process.OutputDataReceived += (_, e) => Read(e.Data);
        app._process.ErrorDataReceived += (_, e) => Read(e.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        app._process.EnableRaisingEvents = true;
        app._process.Exited += (_, _) =>
        {
            var exited = new InvalidOperationException("The app exited before it was ready:\n" + app.Log);
            listening.TrySetException(exited);
            environment.TrySetException(exited);
        };
        try
        {
            app.Url = await listening.Task.WaitAsync(StartTimeout);
            app.Environment = await environment.Task.WaitAsync(StartTimeout);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>A client of this process from this machine, keeping cookies like a browser on http://127.0.0.1.</summary>
    public UserClient Client()
    {
        var cookies = new System.Net.CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = Url };
        return new UserClient(http, cookies, Url);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static bool IsHostSetting(string name) =>
        name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || name.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
        || name.Equals(HelloWork.Web.DefaultEnvironment.Variable, StringComparison.OrdinalIgnoreCase)
        || name.Contains("__", StringComparison.Ordinal);

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex NowListening();

    [GeneratedRegex(@"Hosting environment: (\S+)")]
    private static partial Regex HostingEnvironment();
}
