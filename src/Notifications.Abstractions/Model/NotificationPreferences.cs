namespace Notifications.Model;

public sealed record NotificationPreferences
{
    /// <summary>Global switches; a channel not named is on.</summary>
    public IReadOnlyDictionary<ChannelKind, bool> Channels { get; init; } = new Dictionary<ChannelKind, bool>();
    public IReadOnlyDictionary<string, CategoryPreference> Categories { get; init; } = new Dictionary<string, CategoryPreference>();
    public QuietHours? QuietHours { get; init; }
}
