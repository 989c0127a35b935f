namespace Notifications.Domain.Rules;

public static class TimeZones
{
    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }

    /// <summary>The user's zone, or UTC for a user who never set one.</summary>
    public static TimeZoneInfo ForUser(string? id) => TryFind(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
