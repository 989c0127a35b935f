namespace Notifications.Channels.Common;

/// <summary>
/// Keys of <see cref="Delivery.RenderedContent.Data"/> that steer delivery instead of travelling as data.
/// </summary>
internal static class ContentConventions
{
    /// <summary>Messages with the same key replace each other on the device (FCM collapse_key, apns-collapse-id, Web Push Topic).</summary>
    public const string CollapseKey = "collapseKey";

    public static string? Collapse(IReadOnlyDictionary<string, string> data)
        => data.TryGetValue(CollapseKey, out var key) && !string.IsNullOrEmpty(key) ? key : null;

    public static IEnumerable<KeyValuePair<string, string>> Payload(IReadOnlyDictionary<string, string> data)
        => data.Where(pair => pair.Key != CollapseKey).OrderBy(pair => pair.Key, StringComparer.Ordinal);
}
