using Notifications.Gateway.Grpc.Transport;

namespace Notifications.Gateway.Grpc.Services;

/// <summary>A group of handlers that publishes its methods when MapNotificationGrpc runs.</summary>
internal interface IGrpcService
{
    void Register(GrpcMethodTable table);
}
