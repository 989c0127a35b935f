namespace Notifications.Model;

public enum DigestCadence
{
    Instant,
    Hourly,
    Daily,
}
