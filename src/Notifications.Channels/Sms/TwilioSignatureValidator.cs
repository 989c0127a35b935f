using System.Security.Cryptography;
using System.Text;

namespace Notifications.Channels.Sms;

/// <summary>
/// Checks <c>X-Twilio-Signature</c> on status callbacks: Base64(HMAC-SHA1(auth token, URL followed by every
/// form field's name and value, sorted by name)). A callback that fails this check must be ignored.
/// </summary>
public sealed class TwilioSignatureValidator
{
    public const string HeaderName = "X-Twilio-Signature";

    private readonly byte[] key;

    public TwilioSignatureValidator(string authToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        key = Encoding.UTF8.GetBytes(authToken);
    }

    /// <param name="url">The full URL Twilio requested, exactly as configured (scheme, host, port, path, query).</param>
    public string ComputeSignature(string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var builder = new StringBuilder(url);
        foreach (var pair in form.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            builder.Append(pair.Key).Append(pair.Value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(key, Encoding.UTF8.GetBytes(builder.ToString())));
    }

    public bool IsValid(string url, IEnumerable<KeyValuePair<string, string>> form, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(ComputeSignature(url, form));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
