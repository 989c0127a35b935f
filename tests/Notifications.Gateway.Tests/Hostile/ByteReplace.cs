using System.Text;

namespace Notifications.Gateway.Tests.Hostile;

internal static class ByteReplace
{
    /// <summary>Replaces every UTF-8 occurrence of <paramref name="from"/> in raw bytes, leaving any invalid bytes around it alone.</summary>
    public static byte[] Replace(this byte[] bytes, string from, string to)
    {
        var needle = Encoding.UTF8.GetBytes(from);
        var replacement = Encoding.UTF8.GetBytes(to);
        var result = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (i <= bytes.Length - needle.Length && bytes.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                result.AddRange(replacement);
                i += needle.Length - 1;
            }
            else
            {
                result.Add(bytes[i]);
            }
        }
        return [.. result];
    }
}
