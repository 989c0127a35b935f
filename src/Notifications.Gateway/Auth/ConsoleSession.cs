using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Notifications.Gateway.Auth;

/// <summary>
/// The operator's sign-in cookie: the admin key's id and hash, with an expiry, encrypted and authenticated by ASP.NET
/// Core data protection. It never holds the secret itself, and every request checks the key again, so revoking the
/// key ends the session at once.
/// </summary>
internal sealed class ConsoleSession(IDataProtectionProvider protection, TimeProvider time)
{
    public const string CookieName = "ns_console";
    /// <summary>Changes through a session must carry this header: a cross-site form cannot set it.</summary>
    public const string RequestHeader = "X-Console-Request";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private readonly IDataProtector _protector = protection.CreateProtector("NotificationSilo.ConsoleSession.v1");

    public void SignIn(HttpResponse response, string keyId, string keyHash, bool secure)
    {
        var expires = time.GetUtcNow() + Lifetime;
        var payload = JsonSerializer.Serialize(new Payload(keyId, keyHash, expires.ToUnixTimeSeconds()));
        response.Cookies.Append(CookieName, _protector.Protect(payload), Options(secure, expires));
    }

    public static void SignOut(HttpResponse response, bool secure) => response.Cookies.Delete(CookieName, Options(secure, null));

    /// <summary>Null when the cookie is absent, forged, from another key ring, or expired.</summary>
    public (string KeyId, string KeyHash)? Read(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(CookieName, out var cookie) || string.IsNullOrEmpty(cookie))
        {
            return null;
        }
        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(_protector.Unprotect(cookie));
            return payload is { KeyId.Length: > 0, KeyHash.Length: > 0 } && payload.ExpiresAt > time.GetUtcNow().ToUnixTimeSeconds()
                ? (payload.KeyId, payload.KeyHash)
                : null;
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    private static CookieOptions Options(bool secure, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = secure,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };

    private sealed record Payload(string KeyId, string KeyHash, long ExpiresAt);
}
