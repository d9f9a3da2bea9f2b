using System.Collections.Concurrent;
using HelloWork.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace HelloWork.Tests.Deploy;

/// <summary>
/// OPS-4: docker-compose.yml cannot run on these machines (no Docker engine), so it is kept right
/// by reading it: its shape, and that every setting it gives the app is one the app reads.
/// </summary>
public sealed class ComposeFileTests(ConfigurationReadingApp app) : IClassFixture<ConfigurationReadingApp>
{
    private static readonly string Root = TestServices.FindRepoRoot();

    /// <summary>Host settings the app takes from ASPNETCORE_* variables rather than from its own configuration.</summary>
    private static readonly string[] HostSettings = ["ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS"];

    [Fact, Trait("Rule", "OPS-4")]
    public void The_stack_is_two_app_instances_behind_a_proxy_on_8080_with_PostgreSQL_Redis_and_a_mail_catcher()
    {
        var services = Services();
        var apps = AppServices(services);
        var proxy = Map(services["proxy"]);
        var caddyfile = File.ReadAllText(Path.Combine(Root, "deploy", "Caddyfile"));

        Assert.Equal(new[] { "app-1", "app-2" }, apps.Keys.Order());
        Assert.Equal("8080:8080", Published(Assert.Single(List(proxy["ports"])))); // host port 8080 to the proxy's 8080
        Assert.Contains("./deploy/Caddyfile:/etc/caddy/Caddyfile:ro", List(proxy["volumes"]));
        Assert.Contains("reverse_proxy app-1:8080 app-2:8080", caddyfile);
        Assert.Contains("lb_policy cookie", caddyfile); // sticky: negotiate and the connection meet one instance
        Assert.Contains("health_uri /healthz", caddyfile);
        Assert.StartsWith("postgres:", (string)Map(services["db"])["image"]);
        Assert.StartsWith("redis:", (string)Map(services["redis"])["image"]);
        Assert.Equal("axllent/mailpit", (string)Map(services["mail"])["image"]);
        foreach (var (name, service) in apps)
        {
            var env = Environment(service);
            Assert.True(env.ContainsKey("Redis__ConnectionString"), $"{name} has no Redis backplane");
            Assert.Equal("Postgres", env["Database__Provider"]);
            Assert.DoesNotContain("ports", service.Keys); // reached through the proxy only
        }
    }

    [Fact, Trait("Rule", "OPS-4")]
    public void Every_setting_the_compose_file_gives_the_app_is_one_the_app_reads()
    {
        var read = app.KeysRead();
        var passed = AppServices(Services()).Values.SelectMany(s => Environment(s).Keys).Distinct().ToList();

        Assert.NotEmpty(passed);
        var unknown = passed
            .Where(k => !HostSettings.Contains(k))
            .Where(k => !read.Contains(k.Replace("__", ":", StringComparison.Ordinal)))
            .ToList();
        Assert.True(unknown.Count == 0, $"Not read by the app: {string.Join(", ", unknown)}");
    }

    [Fact, Trait("Rule", "OPS-4")]
    public void A_misspelt_setting_would_be_noticed()
    {
        var read = app.KeysRead();

        Assert.Contains("Redis:ConnectionString", read);
        Assert.Contains("Mail:PublicBaseUrl", read);
        Assert.DoesNotContain("Redis:Connection", read);
        Assert.DoesNotContain("Mail:Hots", read);
    }

    private static Dictionary<string, object> Services()
    {
        var yaml = File.ReadAllText(Path.Combine(Root, "docker-compose.yml"));
        // MergingParser resolves the "<<: *app" merge keys the way compose does.
        var document = new DeserializerBuilder().Build()
            .Deserialize<Dictionary<string, object>>(new MergingParser(new Parser(new StringReader(yaml))));
        return Map(document["services"]).ToDictionary(e => e.Key, e => e.Value);
    }

    /// <summary>The services that run this app's image.</summary>
    private static Dictionary<string, Dictionary<string, object>> AppServices(Dictionary<string, object> services) =>
        services.Select(s => (s.Key, Service: Map(s.Value)))
            .Where(s => s.Service.ContainsKey("build") || s.Service.TryGetValue("image", out var image) && ((string)image).StartsWith("hellowork", StringComparison.Ordinal))
            .ToDictionary(s => s.Key, s => s.Service);

    /// <summary>environment: as a map (KEY: value) or a list (KEY=value).</summary>
    private static Dictionary<string, string> Environment(Dictionary<string, object> service) =>
        !service.TryGetValue("environment", out var env) ? []
        : env is List<object> list ? list.Select(e => ((string)e).Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "")
        : Map(env).ToDictionary(e => e.Key, e => e.Value?.ToString() ?? "");

    private static Dictionary<string, object> Map(object node) =>
        ((Dictionary<object, object>)node).ToDictionary(e => (string)e.Key, e => e.Value);

    /// <summary>"127.0.0.1:8080:8080" or "8080:8080" → "8080:8080" (host port : container port).</summary>
    private static string Published(string port) => string.Join(':', port.Split(':')[^2..]);

    private static List<string> List(object node) => ((List<object>)node).Select(o => (string)o).ToList();
}

/// <summary>
/// The configuration keys the app reads, found two ways. (1) Its options classes: every class of
/// the app with a <c>const string Section</c>, each settable property a key (Database:Provider,
/// Redis:ConnectionString, Mail:Host …; some are read while the app is being built, before a
/// configuration source added by a test exists). (2) The app started with a configuration source
/// that answers nothing but writes down every key asked of it, after every options type the app
/// registers has been bound (the test forces that), which finds keys read without an options
/// class of ours (a section read in a Configure callback, the framework's own options).
/// </summary>
public sealed class ConfigurationReadingApp : HelloWorkApp
{
    private readonly KeyRecorder _recorder = new();
    private IServiceCollection? _services;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration((_, config) => config.Add(_recorder));
    }

    protected override void AddTestServices(IServiceCollection services) => _services = services;

    public IReadOnlySet<string> KeysRead()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in typeof(Program).Assembly.GetTypes())
        {
            if (type.GetField("Section", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static) is not { IsLiteral: true } field) continue;
            var section = (string)field.GetRawConstantValue()!;
            foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
            {
                keys.Add($"{section}:{property.Name}");
            }
        }
        foreach (var type in _services!.Select(d => d.ServiceType)
                     .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IConfigureOptions<>))
                     .Select(t => t.GetGenericArguments()[0]).Distinct())
        {
            var options = Services.GetRequiredService(typeof(IOptions<>).MakeGenericType(type));
            _ = options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options);
        }
        keys.UnionWith(_recorder.Keys);
        return keys;
    }

    private sealed class KeyRecorder : ConfigurationProvider, IConfigurationSource
    {
        public ConcurrentDictionary<string, byte> Asked { get; } = new(StringComparer.OrdinalIgnoreCase);
        public IEnumerable<string> Keys => Asked.Keys;

        public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

        public override bool TryGet(string key, out string? value)
        {
            Asked.TryAdd(key, 0);
            value = null;
            return false;
        }
    }
}
