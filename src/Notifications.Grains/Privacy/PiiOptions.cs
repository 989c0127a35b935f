namespace Notifications.Grains.Privacy;

/// <summary>
/// The keys that encrypt personal data at rest (<c>Security:Pii</c>): device tokens, web push subscriptions, email
/// addresses and phone numbers, wherever a store keeps them. New values are sealed with <see cref="CurrentKey"/>;
/// every key in <see cref="Keys"/> still opens what it sealed, so a key is rotated by adding one and pointing
/// <see cref="CurrentKey"/> at it, with no downtime and no rewrite.
/// </summary>
public sealed class PiiOptions
{
    public const string Section = "Security:Pii";

    /// <summary>The id of the key new values are sealed with; must be one of <see cref="Keys"/>.</summary>
    public string? CurrentKey { get; set; }

    /// <summary>Key id → 32 random bytes in base64. Every silo of a cluster must have the same keys.</summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// 32 random bytes in base64 for pseudonyms: a value some lookup is keyed by (a WhatsApp number) is stored as
    /// its keyed hash. Unlike <see cref="Keys"/> it cannot rotate, since the pseudonyms already stored depend on it.
    /// </summary>
    public string? IndexKey { get; set; }

    /// <summary>
    /// With no <see cref="Keys"/> configured, a key ring generated on first start and kept in this file (readable
    /// by the silo's user only). The embedded profile points it next to its database; a cluster configures keys.
    /// </summary>
    public string? KeyFile { get; set; }
}
