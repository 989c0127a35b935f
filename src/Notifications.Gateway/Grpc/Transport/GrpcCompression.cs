using System.IO.Compression;
using Notifications.Grpc;

namespace Notifications.Gateway.Grpc.Transport;

internal static class GrpcCompression
{
    public static bool TryParseEncoding(string? header, out GrpcEncoding encoding)
    {
        encoding = GrpcEncoding.Identity;
        if (string.IsNullOrEmpty(header) || header == GrpcProtocol.Identity)
        {
            return true;
        }

        if (header == GrpcProtocol.Gzip)
        {
            encoding = GrpcEncoding.Gzip;
            return true;
        }

        return false;
    }

    public static bool Accepts(string? acceptEncoding, string encoding) =>
        (acceptEncoding ?? "").Split(',', StringSplitOptions.TrimEntries).Contains(encoding, StringComparer.Ordinal);

    public static byte[] Compress(ReadOnlySpan<byte> payload)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(payload);
        }

        return output.ToArray();
    }

    /// <summary>Stops as soon as the output passes <paramref name="maxSize"/>, so a small bomb cannot exhaust memory.</summary>
    public static byte[] Decompress(byte[] payload, int maxSize)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                if (output.Length + read > maxSize)
                {
                    throw new GrpcStatusException(
                        GrpcStatusCode.ResourceExhausted,
                        $"Received message larger than max ({maxSize} bytes) after decompression.");
                }

                output.Write(buffer, 0, read);
            }

            return output.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new GrpcStatusException(GrpcStatusCode.Internal, $"Could not decompress the gzip message: {ex.Message}");
        }
    }
}
