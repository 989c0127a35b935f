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
        MalformedRequestStatus.MarkParsed(context.GetHttpContext());
        if (context.RequestHeaders.Get(GrpcTimeoutHeader.Name) is { } timeout && !GrpcTimeoutHeader.IsWellFormed(timeout.Value))
        {
            throw GrpcErrors.InvalidArgument(GrpcTimeoutHeader.Name, $"'{timeout.Value}' is not a gRPC timeout (1 to 8 digits and a unit of H, M, S, m, u or n).");
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
