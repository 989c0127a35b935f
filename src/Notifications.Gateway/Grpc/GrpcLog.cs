using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Notifications.Gateway.Grpc;

internal static partial class GrpcLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "gRPC listening on {Address} (HTTP/2)")]
    public static partial void Listening(ILogger logger, Uri address);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Debug, Message = "gRPC call {Method} ended with {Status}: {Message}")]
    public static partial void CallRefused(ILogger logger, string method, StatusCode status, string message);
}
