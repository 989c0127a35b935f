using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Notifications.Grpc;

namespace Notifications.Client;

/// <summary>The client's half of gRPC-over-HTTP/2: framing, status and the HTTP-status fallback mapping.</summary>
internal static class GrpcWire
{
    public static byte[] Frame(byte[] payload, bool compress)
    {
        if (compress)
        {
            using var output = new MemoryStream();
            using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(payload);
            }

            payload = output.ToArray();
        }

        var frame = new byte[5 + payload.Length];
        frame[0] = compress ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    /// <summary>The next message's bytes, or null at a clean end of the body.</summary>
    public static async Task<byte[]?> ReadMessageAsync(Stream body, bool gzipEncoding, CancellationToken cancellationToken)
    {
        var prefix = new byte[5];
        var read = await body.ReadAtLeastAsync(prefix, 5, throwOnEndOfStream: false, cancellationToken);
        if (read == 0)
        {
            return null;
        }

        if (read < 5)
        {
            throw new GrpcCallException(GrpcStatusCode.Internal, "The response ended inside a message prefix.");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix.AsSpan(1));
        if (length > int.MaxValue)
        {
            throw new GrpcCallException(GrpcStatusCode.ResourceExhausted, $"Response message of {length} bytes is too large.");
        }

        var payload = new byte[length];
        if (await body.ReadAtLeastAsync(payload, (int)length, throwOnEndOfStream: false, cancellationToken) < length)
        {
            throw new GrpcCallException(GrpcStatusCode.Internal, "The response ended inside a message.");
        }

        if (prefix[0] == 0)
        {
            return payload;
        }

        if (prefix[0] != 1 || !gzipEncoding)
        {
            throw new GrpcCallException(GrpcStatusCode.Internal, "A response message is flagged compressed without a known grpc-encoding.");
        }

        using var gzip = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
        using var output = new MemoryStream();
        await gzip.CopyToAsync(output, cancellationToken);
        return output.ToArray();
    }

    public static string FormatTimeout(TimeSpan timeout)
    {
        // At most 8 digits: fall back to coarser units for long timeouts.
        var milliseconds = (long)Math.Ceiling(Math.Max(0, timeout.TotalMilliseconds));
        return milliseconds < 100_000_000
            ? milliseconds.ToString(CultureInfo.InvariantCulture) + "m"
            : Math.Min(99_999_999, (long)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "S";
    }

    public static Dictionary<string, string> Metadata(HttpResponseHeaders headers, HttpHeaders? trailers)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers)
        {
            metadata[header.Key.ToLowerInvariant()] = string.Join(",", header.Value);
        }

        foreach (var header in trailers ?? (IEnumerable<KeyValuePair<string, IEnumerable<string>>>)[])
        {
            metadata[header.Key.ToLowerInvariant()] = string.Join(",", header.Value);
        }

        return metadata;
    }

    /// <summary>grpc-status and grpc-message from trailers (or the headers of a Trailers-Only response).</summary>
    public static (GrpcStatusCode Status, string Message)? ReadStatus(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue("grpc-status", out var status))
        {
            return null;
        }

        var code = int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 16
            ? (GrpcStatusCode)value
            : GrpcStatusCode.Unknown;
        return (code, metadata.TryGetValue("grpc-message", out var message) ? PercentDecode(message) : "");
    }

    /// <summary>grpc/grpc doc/http-grpc-status-mapping.md, for answers that did not come from a gRPC server.</summary>
    public static GrpcStatusCode FromHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => GrpcStatusCode.Internal,
        HttpStatusCode.Unauthorized => GrpcStatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => GrpcStatusCode.PermissionDenied,
        HttpStatusCode.NotFound => GrpcStatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
            => GrpcStatusCode.Unavailable,
        _ => GrpcStatusCode.Unknown,
    };

    public static string PercentDecode(string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length
                && byte.TryParse(value.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
