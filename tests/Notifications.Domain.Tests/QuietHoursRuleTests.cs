using Notifications.Domain.Rules;
using Notifications.Model;

namespace Notifications.Domain.Tests;

/// <summary>Quiet hours keep their local wall-clock hours across DST changes, in both directions and both hemispheres' rules.</summary>
public sealed class QuietHoursRuleTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly QuietHours Night = new("22:00", "07:00");

    [Fact]
    public void Night_before_US_spring_forward_ends_at_seven_EDT_not_seven_EST()
    {
        // 2026-03-08 02:00 EST → 03:00 EDT. 23:00 EST on the 7th is 04:00Z; the window ends 07:00 EDT = 11:00Z.
        var end = QuietHoursRule.WindowEnd(Night, NewYork, Utc(2026, 3, 8, 4, 0));
        Assert.Equal(Utc(2026, 3, 8, 11, 0), end);
    }

    [Fact]
    public void Night_before_US_fall_back_ends_at_seven_EST()
    {
        // 2026-11-01 02:00 EDT → 01:00 EST. 23:00 EDT on Oct 31 is 03:00Z; 07:00 EST on Nov 1 is 12:00Z.
        var end = QuietHoursRule.WindowEnd(Night, NewYork, Utc(2026, 11, 1, 3, 0));
        Assert.Equal(Utc(2026, 11, 1, 12, 0), end);
    }

    [Fact]
    public void Berlin_spring_forward_night_ends_at_seven_CEST()
    {
        // 2026-03-29 02:00 CET → 03:00 CEST. 23:30 CET on the 28th is 22:30Z; 07:00 CEST is 05:00Z.
        var end = QuietHoursRule.WindowEnd(Night, Berlin, Utc(2026, 3, 28, 22, 30));
        Assert.Equal(Utc(2026, 3, 29, 5, 0), end);
    }

    [Fact]
    public void Berlin_fall_back_night_ends_at_seven_CET()
    {
        // 2026-10-25 03:00 CEST → 02:00 CET at 01:00Z. 01:30Z is 02:30 CET, just after; 07:00 CET is 06:00Z.
        var end = QuietHoursRule.WindowEnd(Night, Berlin, Utc(2026, 10, 25, 1, 30));
        Assert.Equal(Utc(2026, 10, 25, 6, 0), end);
    }

    [Fact]
    public void Local_time_outside_the_window_is_not_quiet_on_either_side_of_a_change()
    {
        Assert.Null(QuietHoursRule.WindowEnd(Night, NewYork, Utc(2026, 3, 8, 12, 0)));   // 08:00 EDT
        Assert.Null(QuietHoursRule.WindowEnd(Night, NewYork, Utc(2026, 3, 7, 13, 0)));   // 08:00 EST
        Assert.Null(QuietHoursRule.WindowEnd(Night, Berlin, Utc(2026, 10, 25, 7, 0)));   // 08:00 CET
        Assert.NotNull(QuietHoursRule.WindowEnd(Night, Berlin, Utc(2026, 10, 24, 20, 0))); // 22:00 CEST
    }

    [Fact]
    public void Window_ending_inside_the_spring_forward_gap_ends_when_the_gap_ends()
    {
        // 01:00-02:30 on 2026-03-08 in New York: 02:30 does not exist; it becomes 03:30 EDT = 07:30Z.
        var window = new QuietHours("01:00", "02:30");
        var end = QuietHoursRule.WindowEnd(window, NewYork, Utc(2026, 3, 8, 6, 30)); // 01:30 EST
        Assert.Equal(Utc(2026, 3, 8, 7, 30), end);
    }

    [Fact]
    public void Window_ending_at_an_hour_that_occurs_twice_ends_at_its_first_occurrence()
    {
        // 00:00-01:30 on 2026-11-01 in New York: 01:30 happens in EDT (05:30Z) and again in EST (06:30Z).
        var window = new QuietHours("00:00", "01:30");
        var end = QuietHoursRule.WindowEnd(window, NewYork, Utc(2026, 11, 1, 4, 30)); // 00:30 EDT
        Assert.Equal(Utc(2026, 11, 1, 5, 30), end);
    }

    [Fact]
    public void Daytime_window_that_does_not_wrap_midnight()
    {
        var window = new QuietHours("09:00", "17:00");
        Assert.Equal(Utc(2026, 6, 1, 15, 0), QuietHoursRule.WindowEnd(window, Berlin, Utc(2026, 6, 1, 8, 0))); // 10:00 CEST
        Assert.Null(QuietHoursRule.WindowEnd(window, Berlin, Utc(2026, 6, 1, 15, 0)));                       // 17:00: end is exclusive
        Assert.Equal(Utc(2026, 6, 1, 15, 0), QuietHoursRule.WindowEnd(window, Berlin, Utc(2026, 6, 1, 7, 0))); // 09:00: start is inclusive
    }

    private static DateTimeOffset Utc(int y, int m, int d, int h, int min) => new(y, m, d, h, min, 0, TimeSpan.Zero);
}
