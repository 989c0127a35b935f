using Notifications.Model;

namespace Notifications.Domain.Rules;

/// <summary>Which channels a user's preferences allow for a category: a category's own switch overrides the global one.</summary>
public static class ChannelRules
{
    public static bool Allows(NotificationPreferences preferences, string category, ChannelKind channel, bool critical)
    {
        if (critical)
        {
            return true;
        }
        if (preferences.Categories.TryGetValue(category, out var categoryPreference)
            && categoryPreference.Channels.TryGetValue(channel, out var categorySwitch))
        {
            return categorySwitch;
        }
        return GlobalSwitch(preferences, channel);
    }

    public static DigestCadence CadenceOf(NotificationPreferences preferences, string category) =>
        preferences.Categories.TryGetValue(category, out var categoryPreference) ? categoryPreference.Digest : DigestCadence.Instant;

    private static bool GlobalSwitch(NotificationPreferences preferences, ChannelKind channel) =>
        !preferences.Channels.TryGetValue(channel, out var on) || on;
}
