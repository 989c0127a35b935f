using Microsoft.Extensions.Logging;

namespace Notifications.Gateway.Grpc.Transport;

internal static partial class GrpcLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "gRPC listening on {Address} (HTTP/2)")]
    public static partial void Listening(ILogger logger, Uri address);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Error, Message = "gRPC call {Path} failed")]
    public static partial void HandlerFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Debug, Message = "gRPC call {Path} ended with {Status}: {Message}")]
    public static partial void CallFailed(ILogger logger, string path, Notifications.Grpc.GrpcStatusCode status, string message);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Debug, Message = "gRPC call {Path} was cancelled by the client")]
    public static partial void ClientCancelled(ILogger logger, string path);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Debug, Message = "gRPC call {Path} exceeded its deadline of {Timeout}")]
    public static partial void DeadlineExceeded(ILogger logger, string path, TimeSpan timeout);
}
