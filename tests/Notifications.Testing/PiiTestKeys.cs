using System.Security.Cryptography;

namespace Notifications.Testing;

/// <summary>
/// Security:Pii settings with a fresh key ring, for silos whose storage has no key file of its own (the cluster
/// profile: every silo must be configured with the same keys).
/// </summary>
public static class PiiTestKeys
{
    public static Dictionary<string, string?> Settings() => new()
    {
        ["Security:Pii:CurrentKey"] = "test",
        ["Security:Pii:Keys:test"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Security:Pii:IndexKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };
}
