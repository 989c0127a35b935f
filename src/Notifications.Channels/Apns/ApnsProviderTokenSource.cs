using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Notifications.Channels.Apns;

/// <summary>
/// Mints the ES256 provider token and reuses it: Apple refuses tokens older than an hour and answers
/// TooManyProviderTokenUpdates when they change more often than every 20 minutes.
/// </summary>
internal sealed class ApnsProviderTokenSource(ECDsa key, string teamId, string keyId, TimeSpan refreshInterval, TimeProvider time) : IDisposable
{
    private readonly Lock gate = new();
    private string? token;
    private DateTimeOffset issuedAt;

    public string Current
    {
        get
        {
            lock (gate)
            {
                var now = time.GetUtcNow();
                if (token is null || now - issuedAt >= refreshInterval || now < issuedAt)
                {
                    Mint(now);
                }

                return token!;
            }
        }
    }

    /// <summary>Replaces <paramref name="rejected"/> unless a concurrent caller already did.</summary>
    public string Renew(string rejected)
    {
        lock (gate)
        {
            if (token == rejected)
            {
                Mint(time.GetUtcNow());
            }

            return token!;
        }
    }

    private void Mint(DateTimeOffset now)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "ES256", ["kid"] = keyId });
        var claims = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["iss"] = teamId, ["iat"] = now.ToUnixTimeSeconds() });
        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(claims);
        // .NET's default ECDSA signature format is IEEE P1363 (r‖s), which is exactly what JWS expects.
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
        token = signingInput + "." + Base64Url.EncodeToString(signature);
        issuedAt = now;
    }

    public void Dispose() => key.Dispose();
}
