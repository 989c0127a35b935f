using System.Net;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

internal static class ClusterSiloBuilderExtensions
{
    public const string ClusterIdKey = "Cluster:ClusterId";
    public const string SiloPortKey = "Cluster:SiloPort";
    public const string GatewayPortKey = "Cluster:GatewayPort";

    /// <summary>
    /// Embedded mode, the default: one silo on localhost clustering. Cluster:SiloPort and Cluster:GatewayPort pick its
    /// ports (0 = any free port, so several embedded silos can run on one machine); Silo:SiloId names it.
    /// </summary>
    public static ISiloBuilder UseNotificationCluster(this ISiloBuilder silo, IConfiguration configuration)
    {
        var clusterId = configuration[ClusterIdKey] is { Length: > 0 } id ? id : "notification-silo";
        var siloPort = Port(configuration, SiloPortKey, 0);
        var gatewayPort = Port(configuration, GatewayPortKey, 0);
        silo.UseLocalhostClustering(siloPort: siloPort == 0 ? FreePort() : siloPort, gatewayPort: gatewayPort == 0 ? FreePort() : gatewayPort,
            serviceId: clusterId, clusterId: clusterId);
        if (configuration["Silo:SiloId"] is { Length: > 0 } name)
        {
            silo.Configure<SiloOptions>(options => options.SiloName = name);
        }
        return silo;
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
