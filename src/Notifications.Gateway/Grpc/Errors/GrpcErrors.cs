using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Notifications.Gateway.Grpc.Errors;

/// <summary>The statuses our handlers end calls with. A validation failure also carries google.rpc.BadRequest naming the field.</summary>
internal static class GrpcErrors
{
    /// <summary>grpc-message reads "field: description" (what a plain client shows); grpc-status-details-bin holds the same as a BadRequest.</summary>
    public static RpcException InvalidArgument(string field, string description)
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = $"{field}: {description}",
            Details =
            {
                Any.Pack(new BadRequest
                {
                    FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = description } },
                }),
            },
        };
        return status.ToRpcException();
    }

    public static RpcException NotFound(string message) => new(new global::Grpc.Core.Status(StatusCode.NotFound, message));

    /// <summary>The resource exists but its state does not allow the call (REST's 409); nothing changed.</summary>
    public static RpcException FailedPrecondition(string message) => new(new global::Grpc.Core.Status(StatusCode.FailedPrecondition, message));

    public static RpcException Unauthenticated(string message) => new(new global::Grpc.Core.Status(StatusCode.Unauthenticated, message));

    public static RpcException PermissionDenied(string message) => new(new global::Grpc.Core.Status(StatusCode.PermissionDenied, message));

    public static RpcException ResourceExhausted(string message) => new(new global::Grpc.Core.Status(StatusCode.ResourceExhausted, message));

    /// <summary>A limit that frees up later: <c>retry-after</c> (seconds) says when, as REST's Retry-After header does.</summary>
    public static RpcException ResourceExhausted(string message, int retryAfterSeconds) =>
        new(new global::Grpc.Core.Status(StatusCode.ResourceExhausted, message),
            new Metadata { { "retry-after", retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) } });

    public static RpcException Unavailable(string message) => new(new global::Grpc.Core.Status(StatusCode.Unavailable, message));
}
