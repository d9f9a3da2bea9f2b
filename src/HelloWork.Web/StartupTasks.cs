using HelloWork.Web.Data;
using HelloWork.Web.Features.Demo;

namespace HelloWork.Web;

/// <summary>Upgrades the schema, then seeds the demo data if asked; runs before the server takes requests.</summary>
public sealed class StartupTasks(IServiceProvider services, DatabaseOptions options, ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        // Compile every template now: a broken template stops the start, not a request.
        services.GetRequiredService<Rendering.Templates>();
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(db, ct: ct);
        if (options.SeedDemoData)
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(ct);
            logger.LogInformation("Demo data ready: sign in at /login (accounts listed there)");
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
