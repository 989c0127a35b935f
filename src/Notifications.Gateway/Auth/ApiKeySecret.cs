using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Notifications.Gateway.Auth;

/// <summary>The shape of producer secrets and the one way they are hashed for storage and lookup.</summary>
internal static class ApiKeySecret
{
    public const string Prefix = "nsk_";
    private const int SecretBytes = 32;

    public static string Generate() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>Lower-case hex SHA-256 of the whole secret. A fast hash is enough: the secret has 256 random bits, nothing to brute-force.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Equality whose duration does not depend on where the inputs differ (nor, by hashing first, on their lengths).</summary>
    public static bool FixedTimeEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
