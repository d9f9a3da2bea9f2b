using HelloWork.BenchHost;
using HelloWork.Web;
using Microsoft.EntityFrameworkCore.Diagnostics;

// bench host: `app` (HelloWork + bench endpoints), `echo` (raw Kestrel WebSocket echo), `minimal`.
// Everything after the mode goes to ASP.NET Core (--urls ..., configuration as usual).
var mode = args.Length > 0 ? args[0] : "app";
var rest = args.Skip(1).ToArray();

switch (mode)
{
    case "app":
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = rest,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddSingleton<CommandCounter>();
        builder.Services.AddSingleton<RawDatabase>();
        builder.Services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<CommandCounter>());
        builder.AddHelloWork();
        var app = builder.Build();
        app.MapHelloWork();
        // Bench-only endpoints, called by the load generator rather than a page: they carry no
        // antiforgery token, so they are the only endpoints besides the hub's that take none (SEC-3).
        var bench = app.MapGroup("").DisableAntiforgery();
        bench.MapBenchSeeding();
        // The raw baselines are Npgsql's; the search section also runs the host on SQLite.
        if (app.Services.GetRequiredService<HelloWork.Web.Data.DatabaseOptions>().Provider == HelloWork.Web.Data.DatabaseProvider.Postgres) bench.MapRawBaselines();
        bench.MapSearchEndpoints();
        await app.RunAsync();
        break;
    }
    case "echo":
        await EchoServer.RunAsync(rest);
        break;
    case "minimal":
    {
        var app = WebApplication.CreateBuilder(rest).Build();
        app.MapGet("/", () => Results.Content("<!doctype html><html lang=\"ja\"><title>HelloWork</title><p>ok</p></html>", "text/html; charset=utf-8"));
        await app.RunAsync();
        break;
    }
    default:
        Console.Error.WriteLine($"unknown mode {mode}: app | echo | minimal");
        return 2;
}
return 0;
