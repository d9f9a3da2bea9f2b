namespace HelloWork.Web.Live;

public static class LiveSetup
{
    /// <summary>
    /// SignalR for /hubs/live. With Redis:ConnectionString set, through SignalR's Redis backplane, so
    /// a push made on any instance reaches the person's connections on every instance (OPS-2);
    /// without it, in this process only (the embedded default: one instance, no setup, OPS-1).
    /// </summary>
    public static IServiceCollection AddLive(this IServiceCollection services, IConfiguration configuration)
    {
        var redis = configuration.GetSection(RedisSettings.Section).Get<RedisSettings>() ?? new();
        services.AddSingleton(redis);
        services.AddSingleton<OpenLiveConnections>();
        services.AddSingleton<LiveBackplane>();
        services.AddSingleton<LiveNotifier>();
        var signalR = services.AddSignalR();
        if (!string.IsNullOrWhiteSpace(redis.ConnectionString))
        {
            signalR.AddStackExchangeRedis(_ => { });
            services.AddOptions<Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions>()
                .Configure<LiveBackplane>((o, backplane) => o.ConnectionFactory = backplane.ConnectAsync);
        }
        return services;
    }
}
