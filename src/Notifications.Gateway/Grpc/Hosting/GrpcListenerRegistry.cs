using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Notifications.Gateway.Grpc.Hosting;

/// <summary>The Kestrel listeners created for gRPC; after start they know the ports actually bound (port 0).</summary>
internal sealed class GrpcListenerRegistry
{
    private readonly Lock _gate = new();
    private readonly List<(ListenOptions Listener, bool Https)> _listeners = [];

    public void Reset()
    {
        lock (_gate)
        {
            _listeners.Clear();
        }
    }

    public void Add(ListenOptions listener, bool https)
    {
        lock (_gate)
        {
            _listeners.Add((listener, https));
        }
    }

    /// <summary>Valid once the server has started.</summary>
    public IReadOnlyList<Uri> BoundAddresses
    {
        get
        {
            lock (_gate)
            {
                return _listeners.Select(l => ToUri(l.Listener, l.Https)).ToList();
            }
        }
    }

    private static Uri ToUri(ListenOptions listener, bool https)
    {
        var scheme = https ? "https" : "http";
        var endPoint = (IPEndPoint)listener.EndPoint;
        var host = endPoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]" : endPoint.Address.ToString();
        return new Uri($"{scheme}://{host}:{endPoint.Port}");
    }
}
