namespace Notifications.Gateway.Grpc.Hosting;

/// <summary>Marks connections accepted by the gRPC listener, so that only they reach the gRPC dispatcher.</summary>
internal sealed class GrpcConnectionFeature
{
    public static readonly GrpcConnectionFeature Instance = new();

    private GrpcConnectionFeature()
    {
    }
}
