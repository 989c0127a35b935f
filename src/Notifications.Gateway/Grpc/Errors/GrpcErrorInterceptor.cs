using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Notifications.Application;
using Notifications.Gateway.Errors;
using Notifications.Gateway.Grpc.Mapping;

namespace Notifications.Gateway.Grpc.Errors;

/// <summary>
/// Turns what the application services throw into the statuses REST turns into problem+json: validation failures
/// into INVALID_ARGUMENT with the proto field, transient cluster failures into UNAVAILABLE. It also refuses a malformed
/// grpc-timeout (grpc-dotnet would ignore it and run the call without a deadline) and marks the call as parsed.
/// </summary>
internal sealed class GrpcErrorInterceptor(ILogger<GrpcErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (Translate(ex, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (Translate(ex, context) is { } status)
        {
            throw status;
        }
    }

    private static void Admit(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        MalformedRequestStatus.MarkParsed(http);
        // grpc-dotnet keeps grpc-timeout out of RequestHeaders: read it from the HTTP request.
        var timeout = http.Request.Headers[GrpcTimeoutHeader.Name].ToString();
        if (timeout.Length == 0)
        {
            return;
        }

        if (!GrpcTimeoutHeader.IsWellFormed(timeout))
        {
            throw GrpcErrors.InvalidArgument(GrpcTimeoutHeader.Name, $"'{timeout}' is not a gRPC timeout (1 to 8 digits and a unit of H, M, S, m, u or n).");
        }

        // grpc-dotnet ignores a zero timeout (it runs the call without a deadline); the call is already late.
        if (GrpcTimeoutHeader.HasExpired(timeout))
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline exceeded."));
        }
    }

    private RpcException? Translate(Exception exception, ServerCallContext context)
    {
        switch (exception)
        {
            case ValidationFailedException validation:
                var field = GrpcFieldPath.ToProto(validation.Field);
                GrpcLog.CallRefused(logger, context.Method, StatusCode.InvalidArgument, validation.Message);
                return GrpcErrors.InvalidArgument(field, validation.Message);
            case RpcException:
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                // Ours already, or the client reset the stream / the deadline passed: grpc-dotnet answers those.
                return null;
            case var transient when TransientFailures.IsTransient(transient):
                GrpcLog.CallRefused(logger, context.Method, StatusCode.Unavailable, transient.Message);
                return GrpcErrors.Unavailable(TransientFailures.Message);
            default:
                return null;
        }
    }
}
