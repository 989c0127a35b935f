using Notifications.Grpc;

namespace Notifications.Client;

/// <summary>A call that ended with a status other than OK.</summary>
public sealed class GrpcCallException(GrpcStatusCode status, string statusMessage, IReadOnlyDictionary<string, string>? metadata = null)
    : Exception($"gRPC call failed with {status}: {statusMessage}")
{
    public GrpcStatusCode Status { get; } = status;

    /// <summary>grpc-message, percent-decoded.</summary>
    public string StatusMessage { get; } = statusMessage;

    /// <summary>Response headers and trailers, names lower-case.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; } = metadata ?? new Dictionary<string, string>();
}
