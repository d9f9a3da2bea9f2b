using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace HelloWork.Tests.Infrastructure;

/// <summary>
/// Two instances of the app (A and B) on real ports, one PostgreSQL database and one Redis (the
/// test process's redis-server), as docker-compose.yml runs them behind the proxy (OPS-2).
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly RedisServer _shared;

    private Cluster(AppInstance a, AppInstance b, RedisServer redis, string connectionString, RedisServer shared)
    {
        _shared = shared;
        A = a;
        B = b;
        Redis = redis;
        ConnectionString = connectionString;
    }

    public AppInstance A { get; }
    public AppInstance B { get; }
    public IReadOnlyList<AppInstance> Instances => [A, B];
    public RedisServer Redis { get; }
    public string ConnectionString { get; }

    /// <param name="postgresAdmin">Another PostgreSQL server than the test process's (one a test restarts).</param>
    /// <param name="services">Added to each instance's services (a probe rule, say).</param>
    /// <param name="redis">Another Redis than the test process's (one a test kills).</param>
    public static async Task<Cluster> StartAsync(string? postgresAdmin = null, Action<IServiceCollection>? services = null, RedisServer? redis = null)
    {
        var shared = await TestServices.RedisAsync();
        redis ??= shared;
        var database = postgresAdmin is null ? await TestServices.CreatePostgresDatabaseAsync() : await TestServices.CreatePostgresDatabaseAsync(postgresAdmin);
        var a = new AppInstance("A", database, redis.ConnectionString, services);
        var b = new AppInstance("B", database, redis.ConnectionString, services);
        // One after the other: the second finds the schema made (starting together is its own test).
        await a.InitializeAsync();
        await b.InitializeAsync();
        return new Cluster(a, b, redis, database, shared);
    }

    /// <summary>A browser behind the proxy, stuck to <paramref name="first"/> until it stops answering.</summary>
    public StickyRoute RouteTo(AppInstance first) => new(Instances, first);

    /// <summary>Signs <paramref name="user"/> in through <paramref name="route"/> (the login form, the mailed code).</summary>
    public Task<UserClient> SignInAsync(Web.Features.Accounts.AppUser user, StickyRoute route) => A.SignInAsync(user, route.Browser());

    /// <summary>/healthz of one instance: the HTTP status and the "status" and "redis" fields.</summary>
    public static async Task<(HttpStatusCode Code, string Status, string Redis)> HealthAsync(AppInstance instance)
    {
        using var http = new HttpClient { BaseAddress = instance.Address, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync("/healthz");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.GetProperty("status").GetString()!, json.RootElement.GetProperty("redis").GetString()!);
    }

    /// <summary>Polls <paramref name="condition"/> (where no event tells) until it holds; fails after <paramref name="seconds"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, double seconds = 15)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"{what}: not within {seconds} s");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in Instances.Where(i => i.Running))
        {
            await instance.DisposeAsync();
        }
        if (Redis != _shared) Redis.Kill(); // one of the test's own
    }
}
