namespace Notifications.Model;

public sealed record CategoryPreference
{
    /// <summary>Per channel switch for this category; a channel not named follows the global switch.</summary>
    public IReadOnlyDictionary<ChannelKind, bool> Channels { get; init; } = new Dictionary<ChannelKind, bool>();
    public DigestCadence Digest { get; init; } = DigestCadence.Instant;
}
