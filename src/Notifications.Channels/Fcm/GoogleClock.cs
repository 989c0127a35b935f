using Google.Apis.Util;

namespace Notifications.Channels.Fcm;

/// <summary>Lets Google's credential decide token freshness on our injected clock.</summary>
internal sealed class GoogleClock(TimeProvider time) : IClock
{
    public DateTime Now => time.GetLocalNow().DateTime;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;
}
