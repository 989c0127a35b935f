namespace Notifications.Gateway.Grpc.Hosting;

/// <summary>Endpoint metadata of every gRPC endpoint we map (methods, grpc-dotnet's UNIMPLEMENTED fallbacks, health, reflection).</summary>
internal sealed class GrpcEndpointMarker
{
    public static readonly GrpcEndpointMarker Instance = new();

    private GrpcEndpointMarker()
    {
    }
}
