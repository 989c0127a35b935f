using Notifications.Grpc;

namespace Notifications.Gateway.Grpc.Transport;

/// <summary>Ends a call with a status other than OK; the message reaches the client as grpc-message.</summary>
internal sealed class GrpcStatusException(GrpcStatusCode status, string message, IReadOnlyDictionary<string, string>? headers = null)
    : Exception(message)
{
    public GrpcStatusCode Status { get; } = status;

    /// <summary>Extra response metadata, e.g. grpc-accept-encoding alongside UNIMPLEMENTED for an unknown encoding.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; } = headers ?? new Dictionary<string, string>();
}
