using System.Net;
using HelloWork.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace HelloWork.Tests.Infrastructure;

/// <summary>
/// One instance of several (OPS-2): the real app on a real port (Kestrel), on a PostgreSQL
/// database it shares with the other instances, with Redis:ConnectionString set when given.
/// Instances of one test live in one test process, each its own host with its own services.
/// </summary>
public class AppInstance : HelloWorkApp
{
    private readonly string _connectionString;
    private readonly string? _redis;
    private readonly Action<IServiceCollection>? _services;

    public AppInstance(string name, string connectionString, string? redis, Action<IServiceCollection>? services = null, bool seedDemoData = false)
    {
        Name = name;
        _connectionString = connectionString;
        _redis = redis;
        _services = services;
        SeedDemoDataSetting = seedDemoData;
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public string Name { get; }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    private bool SeedDemoDataSetting { get; }

    protected override bool? SeedDemoData => SeedDemoDataSetting;

    /// <summary>false once <see cref="KillAsync"/> stopped it.</summary>
    public bool Running { get; private set; } = true;

    /// <summary>http://127.0.0.1:port/ that Kestrel listens on.</summary>
    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
        .First() + "/");

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(_connectionString);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (_redis is not null) builder.UseSetting("Redis:ConnectionString", _redis);
    }

    protected override void AddTestServices(IServiceCollection services) => _services?.Invoke(services);

    /// <summary>A browser talking to this instance directly (no proxy).</summary>
    public override UserClient Anonymous(string? clientAddress = null)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new CookieHandler(cookies) { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false } })
        {
            BaseAddress = Address,
        };
        if (clientAddress is not null) http.DefaultRequestHeaders.Add(ClientAddressHeader, clientAddress);
        return new UserClient(http, cookies, Address);
    }

    /// <summary>
    /// Stops it the hard way: Kestrel is stopped with an already cancelled token, so every open
    /// connection (live ones included) is cut at once instead of being closed politely; then the
    /// rest of the host goes.
    /// </summary>
    public async Task KillAsync()
    {
        Running = false;
        await Services.GetRequiredService<IServer>().StopAsync(new CancellationToken(canceled: true));
        await DisposeAsync();
    }
}
