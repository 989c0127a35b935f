using System.Text;

namespace Notifications.Gateway.Grpc.Transport;

/// <summary>grpc-message is UTF-8 with every byte outside printable ASCII, and '%' itself, written as %XX.</summary>
internal static class GrpcPercentEncoding
{
    public static string Encode(string value)
    {
        if (value.All(c => c is >= ' ' and <= '~' and not '%'))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
