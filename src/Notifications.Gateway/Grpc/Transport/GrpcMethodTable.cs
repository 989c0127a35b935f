using System.Collections.Concurrent;

namespace Notifications.Gateway.Grpc.Transport;

/// <summary>The methods published by MapNotificationGrpc; anything else is answered UNIMPLEMENTED.</summary>
internal sealed class GrpcMethodTable
{
    private readonly ConcurrentDictionary<string, IGrpcMethod> _methods = new(StringComparer.Ordinal);

    public void Add(IGrpcMethod method)
    {
        if (!_methods.TryAdd(method.Path, method))
        {
            throw new InvalidOperationException($"The gRPC method {method.Path} is mapped twice.");
        }
    }

    public bool TryGet(string path, out IGrpcMethod method) => _methods.TryGetValue(path, out method!);

    /// <summary>Fully-qualified names of the services that have at least one method, e.g. "grpc.health.v1.Health".</summary>
    public IReadOnlySet<string> Services =>
        _methods.Keys.Select(path => path.Split('/', StringSplitOptions.RemoveEmptyEntries)[0]).ToHashSet(StringComparer.Ordinal);
}
