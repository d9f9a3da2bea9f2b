using HelloWork.Web.Data;
using HelloWork.Web.Features.Demo;

namespace HelloWork.Web;

/// <summary>
/// Compiles the templates, brings the schema to the newest migration, then seeds the demo data if
/// asked. It runs in StartingAsync, which the host calls on every lifecycle service before it calls
/// StartAsync on any hosted service: the mail dispatcher, the timed-rule runner, the data-protection
/// key ring and the server all start on a database that has its tables, whatever the order in which
/// they were registered (it is also registered first, see AddHelloWork).
/// </summary>
public sealed class StartupTasks(IServiceProvider services, DatabaseOptions options, ILogger<StartupTasks> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken ct)
    {
        // Compile every template now: a broken template stops the start, not a request.
        services.GetRequiredService<Rendering.Templates>();
        using var scope = services.CreateScope();
        // The demo data is seeded under the migration lock: instances starting together seed it once.
        await Schema.MigrateAsync(scope.ServiceProvider.GetRequiredService<AppDb>(), ct: ct, then: options.SeedDemoData ? SeedAsync : null);

        async Task SeedAsync()
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(ct);
            logger.LogInformation("Demo data ready: sign in at /login (accounts listed there)");
        }
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}
