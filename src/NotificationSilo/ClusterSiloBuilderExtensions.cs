using System.Net;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using NotificationSilo;
using Orleans.Hosting;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

internal static class ClusterSiloBuilderExtensions
{
    public const string ClusterIdKey = "Cluster:ClusterId";
    public const string SiloPortKey = "Cluster:SiloPort";
    public const string GatewayPortKey = "Cluster:GatewayPort";

    /// <summary>
    /// The membership named by Cluster:Provider. Localhost (the default) is embedded mode: one silo on localhost
    /// clustering. Redis keeps the membership table in Redis so silos on several machines form one cluster, with
    /// reminders there too unless Cluster:Reminders says Storage. Cluster:SiloPort and Cluster:GatewayPort pick the
    /// ports (0 = any free port, so several silos can run on one machine); Silo:SiloId names the silo.
    /// </summary>
    public static ISiloBuilder UseNotificationCluster(this ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = ClusterSettings.Read(configuration);
        silo.Services.AddConfigurationFailures(settings.Failures);
        var clusterId = configuration[ClusterIdKey] is { Length: > 0 } id ? id : "notification-silo";
        var siloPort = Port(configuration, SiloPortKey, 0);
        var gatewayPort = Port(configuration, GatewayPortKey, 0);
        siloPort = siloPort == 0 ? FreePort() : siloPort;
        gatewayPort = gatewayPort == 0 ? FreePort() : gatewayPort;
        if (settings.Redis is { } redis)
        {
            silo.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (clusterId, clusterId));
            silo.Configure<EndpointOptions>(options =>
            {
                options.SiloPort = siloPort;
                options.GatewayPort = gatewayPort;
                if (settings.AdvertisedAddress is { } address)
                {
                    options.AdvertisedIPAddress = address;
                }
            });
            silo.UseRedisMembership(redis, settings.RemindersOnRedis);
        }
        else
        {
            silo.UseLocalhostClustering(siloPort: siloPort, gatewayPort: gatewayPort, serviceId: clusterId, clusterId: clusterId);
        }
        if (configuration["Silo:SiloId"] is { Length: > 0 } name)
        {
            silo.Configure<SiloOptions>(options => options.SiloName = name);
        }
        return silo;
    }

    /// <summary>
    /// Membership (and, when asked, reminders) in the Redis named by <paramref name="redis"/>, with the failure
    /// detector tuned so a dead silo's grains answer from the survivors within 5 s (README, "Cluster mode").
    /// </summary>
    public static ISiloBuilder UseRedisMembership(this ISiloBuilder silo, ConfigurationOptions redis, bool reminders)
    {
        silo.UseRedisClustering(options => options.ConfigurationOptions = redis.Clone());
        if (reminders)
        {
            silo.UseRedisReminderService(options => options.ConfigurationOptions = redis.Clone());
        }
        return silo.Configure<ClusterMembershipOptions>(MembershipTuning.Apply);
    }

    private static int Port(IConfiguration configuration, string key, int fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port <= IPEndPoint.MaxPort
            ? port
            : throw new InvalidOperationException($"{key} is '{text}'; it must be a port number (0-65535, 0 = any free port).");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
