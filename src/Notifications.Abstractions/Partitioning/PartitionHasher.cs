using System.Text;

namespace Notifications.Partitioning;

/// <summary>
/// Maps a grain key to its partition. The hash is FNV-1a over the key's UTF-8 bytes: stable across
/// processes, machines and .NET versions, unlike <see cref="string.GetHashCode()"/>.
/// </summary>
public static class PartitionHasher
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static uint Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> buffer = key.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(key.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(key.Length)];
        var length = Encoding.UTF8.GetBytes(key, buffer);
        var hash = OffsetBasis;
        foreach (var b in buffer[..length])
        {
            hash ^= b;
            hash *= Prime;
        }
        return hash;
    }

    public static int PartitionOf(string key, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        return (int)(Hash(key) % (uint)partitionCount);
    }
}
