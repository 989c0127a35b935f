using System.Net;
using System.Net.Sockets;

namespace Notifications.Testing;

/// <summary>A loopback port nobody listens on right now, for a server the test starts itself.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
