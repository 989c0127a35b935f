using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Notifications.Channels.Webhook;

/// <summary>
/// The webhook signature: hex HMAC-SHA256 over <c>timestamp + "." + body</c>. Binding the timestamp lets
/// receivers refuse replays older than their tolerance.
/// </summary>
public sealed class WebhookSignature
{
    public const string TimestampHeader = "X-Notification-Timestamp";
    public const string SignatureHeader = "X-Notification-Signature";
    public const string IdHeader = "X-Notification-Id";
    private const string Scheme = "v1=";

    private readonly byte[] key;

    public WebhookSignature(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        key = Encoding.UTF8.GetBytes(secret);
    }

    public string Sign(long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Scheme + Convert.ToHexStringLower(HMACSHA256.HashData(key, message));
    }

    public bool Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || signature is null)
        {
            return false;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(seconds, body)), Encoding.ASCII.GetBytes(signature));
    }
}
