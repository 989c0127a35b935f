using Notifications.Protocol.V1;

namespace Notifications.Gateway.Grpc;

/// <summary>The names grpc.health.v1 answers for: the whole server ("") and each service we map.</summary>
internal static class GrpcServiceNames
{
    public static readonly IReadOnlyList<string> Served =
    [
        "",
        NotificationGateway.Descriptor.FullName,
        NotificationAdmin.Descriptor.FullName,
        NotificationCampaigns.Descriptor.FullName,
        global::Grpc.Health.V1.Health.Descriptor.FullName,
    ];
}
