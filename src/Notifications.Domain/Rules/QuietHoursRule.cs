using System.Globalization;
using Notifications.Model;

namespace Notifications.Domain.Rules;

/// <summary>
/// Evaluates a local [start, end) window in an IANA zone. Every comparison happens on the local wall
/// clock of the instant in question, so the window keeps its local hours across DST changes.
/// </summary>
public static class QuietHoursRule
{
    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>The instant the window ends, if <paramref name="now"/> is inside it; otherwise null.</summary>
    public static DateTimeOffset? WindowEnd(QuietHours? quietHours, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (quietHours is null || !TryParseTime(quietHours.Start, out var start) || !TryParseTime(quietHours.End, out var end) || start == end)
        {
            return null;
        }
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var wraps = start > end;
        var inside = wraps ? time >= start || time < end : time >= start && time < end;
        if (!inside)
        {
            return null;
        }
        var endDate = DateOnly.FromDateTime(local.DateTime);
        if (wraps && time >= start)
        {
            endDate = endDate.AddDays(1);
        }
        return ToInstant(endDate.ToDateTime(end), zone);
    }

    /// <summary>
    /// The instant of a local wall-clock time. A time skipped by a spring-forward gap moves forward by
    /// the gap's length (02:30 → 03:30), as calendars do; a time that occurs twice takes its first occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime localTime, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(localTime, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(unspecified))
        {
            var offset = zone.GetAmbiguousTimeOffsets(unspecified).Max();
            return new DateTimeOffset(unspecified, offset);
        }
        if (zone.IsInvalidTime(unspecified))
        {
            // The offset in force just before the gap is the one that maps the skipped time past it.
            var before = zone.GetUtcOffset(unspecified.AddHours(-3));
            return new DateTimeOffset(unspecified, before).ToOffset(zone.GetUtcOffset(new DateTimeOffset(unspecified, before)));
        }
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }
}
