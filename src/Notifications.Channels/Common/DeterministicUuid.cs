using System.Security.Cryptography;
using System.Text;

namespace Notifications.Channels.Common;

/// <summary>
/// Name-based UUID (RFC 9562 version 5) so the same idempotency key always yields the same provider id:
/// a retried APNs request or e-mail carries the id of the first attempt and the provider can de-duplicate.
/// </summary>
internal static class DeterministicUuid
{
    private static readonly Guid Namespace = new("6b1f0d7e-4d2a-4f0e-9a57-1b0b6f2a9c31");

    public static Guid Create(string name)
    {
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetMaxByteCount(name.Length)];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        var length = 16 + Encoding.UTF8.GetBytes(name, input[16..]);
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input[..length], hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
