using System.Net;

namespace Notifications.Gateway.Grpc.Hosting;

/// <summary>One parsed listener address. <see cref="Ip"/> is null for localhost; an unspecified address means every interface.</summary>
internal readonly record struct ListenAddress(bool Https, string Host, int Port, IPAddress? Ip)
{
    public bool IsLocalhost => Ip is null;

    public bool IsAnyIp => Ip is not null && (Ip.Equals(IPAddress.Any) || Ip.Equals(IPAddress.IPv6Any));
}
