using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HelloWork.BrowserTests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright, one browser for the whole test run.</summary>
public static class Browser
{
    private static readonly Lazy<Task<IBrowser>> Instance = new(LaunchAsync);

    public static Task<IBrowser> GetAsync() => Instance.Value;

    private static async Task<IBrowser> LaunchAsync()
    {
        var executable = new[] { "/usr/lib/chromium/chromium", "/usr/bin/chromium" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Chromium is not installed: run tests/run.sh (it installs Debian's chromium)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            ],
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            browser.CloseAsync().Wait(TimeSpan.FromSeconds(5));
            playwright.Dispose();
        };
        return browser;
    }

    public static string ScreenshotPath(string name)
    {
        var dir = Path.Combine(TestServices.ArtifactsDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name + ".png");
    }
}

/// <summary>The app on a real Kestrel port, so a real browser can reach it.</summary>
public sealed class KestrelSqliteApp : HelloWorkApp
{
    public KestrelSqliteApp() => UseKestrel(0);
    public override HelloWork.Web.Data.DatabaseProvider Provider => HelloWork.Web.Data.DatabaseProvider.Sqlite;
}

public sealed class KestrelPostgresApp : HelloWorkApp
{
    public KestrelPostgresApp() => UseKestrel(0);
    public override HelloWork.Web.Data.DatabaseProvider Provider => HelloWork.Web.Data.DatabaseProvider.Postgres;
}

public static class KestrelAppExtensions
{
    public static string BaseUrl(this HelloWorkApp app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("localhost", "127.0.0.1");
}
