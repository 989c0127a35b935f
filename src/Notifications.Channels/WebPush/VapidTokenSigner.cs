using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Notifications.Channels.WebPush;

/// <summary>RFC 8292 VAPID: an ES256 JWT per push-service origin, reused until close to expiry.</summary>
internal sealed class VapidTokenSigner(ECDsa key, string subject, TimeSpan lifetime, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Expires)> cache = new(StringComparer.Ordinal);

    public string PublicKey { get; } = Base64Url.EncodeToString(VapidKey.ExportPoint(key.ExportParameters(false)));

    public string AuthorizationFor(Uri endpoint)
    {
        var audience = endpoint.GetLeftPart(UriPartial.Authority);
        var now = time.GetUtcNow();
        if (!cache.TryGetValue(audience, out var entry) || entry.Expires - now < lifetime / 4)
        {
            var expires = now + lifetime;
            entry = (Sign(audience, expires), expires);
            cache[audience] = entry;
        }

        return $"vapid t={entry.Token}, k={PublicKey}";
    }

    private string Sign(string audience, DateTimeOffset expires)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["typ"] = "JWT", ["alg"] = "ES256" });
        var claims = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["aud"] = audience,
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["sub"] = subject,
        });
        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(claims);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    public void Dispose() => key.Dispose();
}
