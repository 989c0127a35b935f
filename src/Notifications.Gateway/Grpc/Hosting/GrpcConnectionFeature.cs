namespace Notifications.Gateway.Grpc.Hosting;

/// <summary>Marks connections accepted by the gRPC listener: only they match gRPC endpoints, and only they match nothing else.</summary>
internal sealed class GrpcConnectionFeature
{
    public static readonly GrpcConnectionFeature Instance = new();

    private GrpcConnectionFeature()
    {
    }
}
