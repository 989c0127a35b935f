using Google.Protobuf.Reflection;

namespace Notifications.Gateway.Grpc.Services;

/// <summary>Method paths come from the compiled .proto, so a renamed or missing method fails at start-up, not at call time.</summary>
internal static class GrpcMethodPaths
{
    public static string For(ServiceDescriptor? service, string method) =>
        service is null ? throw new InvalidOperationException("The service is missing from its .proto.") :
        service.FindMethodByName(method) is { } found
            ? $"/{service.FullName}/{found.Name}"
            : throw new InvalidOperationException($"{service.FullName} has no method {method} in its .proto.");
}
