using System.Buffers.Binary;
using System.Globalization;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Notifications.Grpc;

namespace Notifications.Gateway.Grpc.Transport;

/// <summary>One gRPC call on one HTTP/2 stream: reads the request, writes responses and the final status exactly once.</summary>
internal sealed class GrpcCall(
    HttpContext httpContext,
    NotificationGrpcOptions options,
    GrpcEncoding requestEncoding,
    GrpcEncoding responseEncoding,
    string contentType,
    CancellationToken cancellationToken)
{
    // Serialises writes with the final status: a deadline may end the call while the handler is still writing.
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private bool _finished;

    public HttpContext HttpContext { get; } = httpContext;

    public IServiceProvider Services => HttpContext.RequestServices;

    /// <summary>Cancelled when the client resets the stream or the deadline passes.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public string? Authorization => HttpContext.Request.Headers.Authorization.FirstOrDefault();

    public async Task<T> ReadRequestAsync<T>(MessageParser<T> parser)
        where T : IMessage<T>
    {
        var reader = HttpContext.Request.BodyReader;
        var bytes = await GrpcMessageReader.ReadMessageAsync(reader, requestEncoding, options.MaxReceiveMessageSize, CancellationToken)
            ?? throw new GrpcStatusException(GrpcStatusCode.Unimplemented, "This method takes exactly one request message but the client sent none.");
        await GrpcMessageReader.EnsureEndOfRequestAsync(reader, CancellationToken);
        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new GrpcStatusException(GrpcStatusCode.Internal, $"Could not parse the request message: {ex.Message}");
        }
    }

    public async Task WriteMessageAsync(IMessage message)
    {
        var payload = message.ToByteArray();
        if (payload.Length > options.MaxSendMessageSize)
        {
            throw new GrpcStatusException(
                GrpcStatusCode.ResourceExhausted,
                $"Sending message larger than max ({payload.Length} vs. {options.MaxSendMessageSize} bytes).");
        }

        var compressed = responseEncoding == GrpcEncoding.Gzip;
        if (compressed)
        {
            payload = GrpcCompression.Compress(payload);
        }

        await _writeLock.WaitAsync(CancellationToken);
        try
        {
            if (_finished)
            {
                throw new OperationCanceledException("The call has already ended.", CancellationToken);
            }

            WriteHeaders();
            var writer = HttpContext.Response.BodyWriter;
            var prefix = writer.GetSpan(GrpcProtocol.PrefixLength);
            prefix[0] = compressed ? (byte)1 : (byte)0;
            BinaryPrimitives.WriteUInt32BigEndian(prefix[1..], (uint)payload.Length);
            writer.Advance(GrpcProtocol.PrefixLength);
            await writer.WriteAsync(payload, CancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Ends the call: trailers after a response, or a Trailers-Only response when nothing was sent yet.</summary>
    public async Task FinishAsync(GrpcStatusCode status, string? message, IReadOnlyDictionary<string, string>? headers = null)
    {
        await _writeLock.WaitAsync(CancellationToken.None);
        try
        {
            if (_finished)
            {
                return;
            }

            _finished = true;
            var response = HttpContext.Response;
            var code = ((int)status).ToString(CultureInfo.InvariantCulture);
            if (!response.HasStarted)
            {
                WriteHeaders();
                foreach (var (name, value) in headers ?? new Dictionary<string, string>())
                {
                    response.Headers[name] = value;
                }

                response.Headers[GrpcProtocol.StatusHeader] = code;
                if (!string.IsNullOrEmpty(message))
                {
                    response.Headers[GrpcProtocol.MessageHeader] = GrpcPercentEncoding.Encode(message);
                }

                return;
            }

            response.AppendTrailer(GrpcProtocol.StatusHeader, code);
            if (!string.IsNullOrEmpty(message))
            {
                response.AppendTrailer(GrpcProtocol.MessageHeader, GrpcPercentEncoding.Encode(message));
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void WriteHeaders()
    {
        var response = HttpContext.Response;
        if (response.HasStarted)
        {
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.SupportedEncodings;
        if (responseEncoding == GrpcEncoding.Gzip)
        {
            response.Headers[GrpcProtocol.EncodingHeader] = GrpcProtocol.Gzip;
        }
    }
}
