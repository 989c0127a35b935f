namespace Notifications.Domain.Campaigns;

/// <summary>
/// "At 09:00 in each recipient's zone": the first instant after the scheduling instant at which the zone's clock
/// reads that time, so every zone is released within the next 24 hours. A local time the zone skips (the spring-forward
/// gap) is released at the first valid minute after it.
/// </summary>
public static class LocalTimeRelease
{
    public static DateTimeOffset Next(TimeOnly localTime, TimeZoneInfo zone, DateTimeOffset after)
    {
        var localNow = TimeZoneInfo.ConvertTime(after, zone);
        for (var day = 0; day <= 2; day++)
        {
            var local = localNow.Date.AddDays(day) + localTime.ToTimeSpan();
            while (zone.IsInvalidTime(local))
            {
                local = local.AddMinutes(1);
            }
            // An ambiguous time (the autumn fold) is taken at its first occurrence, the larger offset.
            var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
            var instant = new DateTimeOffset(local, offset);
            if (instant > after)
            {
                return instant;
            }
        }
        throw new InvalidOperationException($"No {localTime} in {zone.Id} after {after:O}.");
    }
}
