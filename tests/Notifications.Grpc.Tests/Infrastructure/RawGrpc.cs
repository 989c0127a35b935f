using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Notifications.Grpc.Tests.Infrastructure;

/// <summary>Hand-made HTTP/2 requests for what a well-behaved client never sends.</summary>
internal static class RawGrpc
{
    public const string SendPath = "/notifications.v1.NotificationGateway/Send";
    public const string WatchInboxPath = "/notifications.v1.NotificationGateway/WatchInbox";

    public static byte[] Frame(IMessage message, bool compress = false) => Frame(message.ToByteArray(), compress);

    public static byte[] Frame(byte[] payload, bool compress = false)
    {
        if (compress)
        {
            payload = Gzip(payload);
        }

        var frame = new byte[5 + payload.Length];
        frame[0] = compress ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static byte[] Gzip(byte[] payload)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(payload);
        }

        return output.ToArray();
    }

    public static async Task<RawResponse> SendAsync(
        HttpClient http,
        Uri address,
        string path,
        byte[] body,
        string? contentType = "application/grpc",
        IReadOnlyDictionary<string, string>? headers = null,
        HttpMethod? method = null,
        Version? version = null,
        CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, new Uri(address, path))
        {
            Version = version ?? HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (request.Method != HttpMethod.Get)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new RawResponse(
            response.StatusCode,
            response.Version,
            Flatten(response.Headers.Concat(response.Content.Headers)),
            Flatten(response.TrailingHeaders),
            responseBody);
    }

    /// <summary>Splits a response body into its messages: (compressed flag, payload).</summary>
    public static List<(byte Flag, byte[] Payload)> Messages(byte[] body)
    {
        var messages = new List<(byte, byte[])>();
        var offset = 0;
        while (offset < body.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(offset + 1));
            messages.Add((body[offset], body.AsSpan(offset + 5, length).ToArray()));
            offset += 5 + length;
        }

        return messages;
    }

    private static Dictionary<string, string> Flatten(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers) =>
        headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
}
