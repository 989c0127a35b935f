using System.Globalization;
using Notifications.Api;
using Notifications.Model;

namespace Notifications.Grains.Tests.Infrastructure;

internal static class Requests
{
    /// <summary>Inline content needs no template, so any silo renders it the same.</summary>
    public static SendNotificationRequest Inline(string userId, string title, string body = "body", string? category = null, params ChannelKind[] channels) => new()
    {
        UserId = userId,
        Content = new InlineContent(title, body),
        Category = category,
        Channels = channels.Length == 0 ? null : channels,
    };

    /// <summary>
    /// Quiet hours for a user without a time zone (UTC) that hold <paramref name="now"/>: from an hour before it to
    /// two hours after it, on whole minutes. <c>End</c> is the instant the window closes.
    /// </summary>
    public static (QuietHours Hours, DateTimeOffset End) QuietAround(DateTimeOffset now, QuietHoursMode mode = QuietHoursMode.Defer)
    {
        var start = Minute(now - TimeSpan.FromHours(1));
        var end = Minute(now + TimeSpan.FromHours(2));
        return (new QuietHours(start.ToString("HH:mm", CultureInfo.InvariantCulture), end.ToString("HH:mm", CultureInfo.InvariantCulture), mode), end);
    }

    private static DateTimeOffset Minute(DateTimeOffset instant) =>
        new(instant.Year, instant.Month, instant.Day, instant.Hour, instant.Minute, 0, TimeSpan.Zero);
}
