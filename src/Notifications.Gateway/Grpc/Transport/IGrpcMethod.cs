namespace Notifications.Gateway.Grpc.Transport;

/// <summary>One RPC, addressed by its path "/package.Service/Method".</summary>
internal interface IGrpcMethod
{
    string Path { get; }

    /// <summary>Reads the request, runs the handler and writes responses; the caller writes the final status.</summary>
    Task InvokeAsync(GrpcCall call);
}
