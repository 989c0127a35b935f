using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Notifications.Grpc;
using Notifications.Application;

namespace Notifications.Gateway.Grpc.Transport;

/// <summary>Serves every request that arrives on the gRPC listener: protocol checks, method lookup, deadline and status.</summary>
internal sealed class GrpcDispatcher(
    GrpcMethodTable methods,
    IOptions<NotificationGrpcOptions> options,
    TimeProvider timeProvider,
    ILogger<GrpcDispatcher> logger)
{
    public async Task DispatchAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            Reject(context, StatusCodes.Status405MethodNotAllowed, GrpcStatusCode.Unimplemented, $"gRPC calls use POST, not {request.Method}.");
            return;
        }

        if (!TryGetContentType(request.ContentType, out var contentType))
        {
            Reject(
                context,
                StatusCodes.Status415UnsupportedMediaType,
                GrpcStatusCode.Internal,
                $"Content-Type '{request.ContentType}' is not supported; use application/grpc or application/grpc+proto.");
            return;
        }

        var path = request.Path.Value ?? "";
        var settings = options.Value;
        var encodingHeader = request.Headers[GrpcProtocol.EncodingHeader].ToString();
        var acceptHeader = request.Headers[GrpcProtocol.AcceptEncodingHeader].ToString();
        var compressionKnown = GrpcCompression.TryParseEncoding(encodingHeader, out var requestEncoding);
        var responseEncoding = requestEncoding == GrpcEncoding.Gzip || (settings.CompressResponses && GrpcCompression.Accepts(acceptHeader, GrpcProtocol.Gzip))
            ? GrpcEncoding.Gzip
            : GrpcEncoding.Identity;
        if (acceptHeader.Length > 0 && !GrpcCompression.Accepts(acceptHeader, GrpcProtocol.Gzip))
        {
            responseEncoding = GrpcEncoding.Identity;
        }

        var timeoutHeader = request.Headers[GrpcProtocol.TimeoutHeader].ToString();
        TimeSpan? timeout = null;
        if (timeoutHeader.Length > 0)
        {
            if (!GrpcTimeout.TryParse(timeoutHeader, out var parsed))
            {
                Reject(context, StatusCodes.Status200OK, GrpcStatusCode.Internal, $"Malformed grpc-timeout '{timeoutHeader}'.");
                return;
            }

            timeout = parsed;
        }

        // Limits apply per message (MaxReceiveMessageSize), not to the whole stream; nor may a quiet stream be timed out.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = null;
        }

        if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } dataRate)
        {
            dataRate.MinDataRate = null;
        }

        using var deadline = timeout is { } t ? new CancellationTokenSource(t, timeProvider) : null;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, deadline?.Token ?? CancellationToken.None);
        var call = new GrpcCall(context, settings, requestEncoding, responseEncoding, contentType, linked.Token);

        if (!methods.TryGet(path, out var method))
        {
            await call.FinishAsync(GrpcStatusCode.Unimplemented, $"Method {path} is not implemented by this server.");
            return;
        }

        if (!compressionKnown)
        {
            await call.FinishAsync(
                GrpcStatusCode.Unimplemented,
                $"Message encoding '{encodingHeader}' is not supported; this server accepts {GrpcProtocol.SupportedEncodings}.",
                new Dictionary<string, string> { [GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.SupportedEncodings });
            return;
        }

        var handling = RunAsync(method, call, context, deadline?.Token ?? CancellationToken.None, timeout);
        if (deadline is null)
        {
            await handling;
            return;
        }

        // A handler that ignores its token must not hold the answer past the deadline.
        var expired = Task.Delay(Timeout.InfiniteTimeSpan, timeProvider, deadline.Token);
        if (await Task.WhenAny(handling, expired) != handling)
        {
            if (!context.RequestAborted.IsCancellationRequested)
            {
                GrpcLog.DeadlineExceeded(logger, path, timeout!.Value);
                await call.FinishAsync(GrpcStatusCode.DeadlineExceeded, "Deadline exceeded.");
            }

            _ = handling.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    private async Task RunAsync(IGrpcMethod method, GrpcCall call, HttpContext context, CancellationToken deadline, TimeSpan? timeout)
    {
        await Task.Yield();
        try
        {
            await method.InvokeAsync(call);
            await call.FinishAsync(GrpcStatusCode.Ok, null);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // RST_STREAM from the client: there is nobody left to answer.
            GrpcLog.ClientCancelled(logger, method.Path);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            GrpcLog.DeadlineExceeded(logger, method.Path, timeout ?? TimeSpan.Zero);
            await call.FinishAsync(GrpcStatusCode.DeadlineExceeded, "Deadline exceeded.");
        }
        catch (GrpcStatusException ex)
        {
            GrpcLog.CallFailed(logger, method.Path, ex.Status, ex.Message);
            await call.FinishAsync(ex.Status, ex.Message, ex.Headers);
        }
        catch (ValidationFailedException ex)
        {
            var message = $"{GrpcFieldPath.ToProto(ex.Field)}: {ex.Message}";
            GrpcLog.CallFailed(logger, method.Path, GrpcStatusCode.InvalidArgument, message);
            await call.FinishAsync(GrpcStatusCode.InvalidArgument, message);
        }
        catch (Exception ex) when (Errors.TransientFailures.IsTransient(ex))
        {
            GrpcLog.CallFailed(logger, method.Path, GrpcStatusCode.Unavailable, ex.Message);
            await call.FinishAsync(GrpcStatusCode.Unavailable, Errors.TransientFailures.Message);
        }
        catch (Exception ex)
        {
            GrpcLog.HandlerFailed(logger, method.Path, ex);
            await call.FinishAsync(GrpcStatusCode.Unknown, "The server failed to handle the call.");
        }
    }

    private static bool TryGetContentType(string? header, out string contentType)
    {
        contentType = GrpcProtocol.ContentType;
        if (header is null)
        {
            return false;
        }

        var mediaType = header.Split(';', 2)[0].Trim();
        if (string.Equals(mediaType, GrpcProtocol.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(mediaType, GrpcProtocol.ProtoContentType, StringComparison.OrdinalIgnoreCase))
        {
            contentType = GrpcProtocol.ProtoContentType;
            return true;
        }

        return false;
    }

    /// <summary>Refusals before a call exists; the HTTP status tells plain HTTP clients, grpc-status tells gRPC ones.</summary>
    private static void Reject(HttpContext context, int httpStatus, GrpcStatusCode status, string message)
    {
        var response = context.Response;
        response.StatusCode = httpStatus;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.StatusHeader] = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers[GrpcProtocol.MessageHeader] = GrpcPercentEncoding.Encode(message);
    }
}
