using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Notifications.Grpc;

namespace Notifications.Gateway.Grpc.Transport;

/// <summary>Reads length-prefixed messages from a request body.</summary>
internal static class GrpcMessageReader
{
    /// <summary>The next message's (decompressed) bytes, or null when the client half-closed cleanly before one.</summary>
    public static async Task<byte[]?> ReadMessageAsync(PipeReader reader, GrpcEncoding encoding, int maxSize, CancellationToken cancellationToken)
    {
        var result = await reader.ReadAtLeastAsync(GrpcProtocol.PrefixLength, cancellationToken);
        var buffer = result.Buffer;
        if (buffer.Length == 0 && result.IsCompleted)
        {
            reader.AdvanceTo(buffer.End);
            return null;
        }

        if (buffer.Length < GrpcProtocol.PrefixLength)
        {
            reader.AdvanceTo(buffer.End);
            throw new GrpcStatusException(GrpcStatusCode.Internal, $"Incomplete message: the stream ended after {buffer.Length} of the 5 prefix bytes.");
        }

        Span<byte> prefix = stackalloc byte[GrpcProtocol.PrefixLength];
        buffer.Slice(0, GrpcProtocol.PrefixLength).CopyTo(prefix);
        reader.AdvanceTo(buffer.GetPosition(GrpcProtocol.PrefixLength));

        var compressed = prefix[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
        if (compressed > 1)
        {
            throw new GrpcStatusException(GrpcStatusCode.Internal, $"Invalid compressed flag {compressed}: it must be 0 or 1.");
        }

        if (compressed == 1 && encoding == GrpcEncoding.Identity)
        {
            throw new GrpcStatusException(GrpcStatusCode.Internal, "The message is flagged compressed but the request declares no grpc-encoding.");
        }

        if (length > (uint)maxSize)
        {
            throw new GrpcStatusException(GrpcStatusCode.ResourceExhausted, $"Received message larger than max ({length} vs. {maxSize} bytes).");
        }

        var payload = await ReadExactlyAsync(reader, (int)length, cancellationToken);
        return compressed == 1 ? GrpcCompression.Decompress(payload, maxSize) : payload;
    }

    /// <summary>Unary and server-streaming calls take exactly one message; anything after it is a cardinality violation.</summary>
    public static async Task EnsureEndOfRequestAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            if (result.Buffer.Length > 0)
            {
                reader.AdvanceTo(result.Buffer.End);
                throw new GrpcStatusException(GrpcStatusCode.Unimplemented, "This method takes exactly one request message but the client sent more.");
            }

            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    /// <summary>Copies as data arrives and consumes it at once, so HTTP/2 flow control keeps granting window for large messages.</summary>
    private static async Task<byte[]> ReadExactlyAsync(PipeReader reader, int length, CancellationToken cancellationToken)
    {
        var payload = new byte[length];
        var filled = 0;
        while (filled < length)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var take = (int)Math.Min(result.Buffer.Length, length - filled);
            result.Buffer.Slice(0, take).CopyTo(payload.AsSpan(filled));
            filled += take;
            reader.AdvanceTo(result.Buffer.GetPosition(take));
            if (filled < length && result.IsCompleted)
            {
                throw new GrpcStatusException(GrpcStatusCode.Internal, $"Incomplete message: the stream ended after {filled} of {length} bytes.");
            }
        }

        return payload;
    }
}
