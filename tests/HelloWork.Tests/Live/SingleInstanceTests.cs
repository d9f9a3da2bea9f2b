using System.Net;
using System.Text.Json;
using HelloWork.Web.Live;
using Microsoft.AspNetCore.SignalR;

namespace HelloWork.Tests.Live;

/// <summary>OPS-1: without Redis:ConnectionString the app is one instance that needs nothing else.</summary>
public abstract class SingleInstanceTests(HelloWorkApp app)
{
    [Fact, Trait("Rule", "OPS-1")]
    public async Task Without_Redis_pushes_stay_in_this_process_and_health_says_ok()
    {
        using var response = await app.Anonymous().GetAsync("/healthz");
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.IsType<DefaultHubLifetimeManager<LiveHub>>(app.Service<HubLifetimeManager<LiveHub>>());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
        Assert.Equal("ok", health.RootElement.GetProperty("database").GetString());
        Assert.Equal("off", health.RootElement.GetProperty("redis").GetString());
    }
}

public sealed class SingleInstanceTestsOnSqlite(SqliteApp app) : SingleInstanceTests(app), IClassFixture<SqliteApp>;

public sealed class SingleInstanceTestsOnPostgres(PostgresApp app) : SingleInstanceTests(app), IClassFixture<PostgresApp>;
