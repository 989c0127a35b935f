using Notifications.Domain.Campaigns;

namespace Notifications.Domain.Tests;

public sealed class LocalTimeReleaseTests
{
    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    [Fact]
    public void Each_zone_is_released_at_its_next_local_time_within_24_hours()
    {
        var scheduled = new DateTimeOffset(2026, 6, 1, 7, 30, 0, TimeSpan.Zero); // 09:30 in Paris, 03:30 in New York, 16:30 in Tokyo
        var nine = new TimeOnly(9, 0);

        Assert.Equal(new DateTimeOffset(2026, 6, 2, 9, 0, 0, TimeSpan.FromHours(2)), LocalTimeRelease.Next(nine, Zone("Europe/Paris"), scheduled));
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(-4)), LocalTimeRelease.Next(nine, Zone("America/New_York"), scheduled));
        Assert.Equal(new DateTimeOffset(2026, 6, 2, 9, 0, 0, TimeSpan.FromHours(9)), LocalTimeRelease.Next(nine, Zone("Asia/Tokyo"), scheduled));
        foreach (var id in new[] { "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kolkata", "UTC" })
        {
            var release = LocalTimeRelease.Next(nine, Zone(id), scheduled);
            Assert.InRange(release - scheduled, TimeSpan.FromTicks(1), TimeSpan.FromHours(24));
            Assert.Equal(nine, TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(release, Zone(id)).DateTime));
        }
    }

    [Fact]
    public void A_local_time_the_zone_skips_is_released_at_the_first_minute_after_the_gap()
    {
        // 2026-03-29 in Paris: 02:00 jumps to 03:00.
        var before = new DateTimeOffset(2026, 3, 28, 22, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)), LocalTimeRelease.Next(new TimeOnly(2, 30), Zone("Europe/Paris"), before));
    }

    [Fact]
    public void A_local_time_the_zone_repeats_is_released_once_at_its_first_occurrence()
    {
        // 2026-10-25 in Paris: 03:00 falls back to 02:00, so 02:30 happens twice.
        var before = new DateTimeOffset(2026, 10, 24, 22, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(2)), LocalTimeRelease.Next(new TimeOnly(2, 30), Zone("Europe/Paris"), before));
    }
}
