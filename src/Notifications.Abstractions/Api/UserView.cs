using Notifications.Model;

namespace Notifications.Api;

public sealed record UserView(string UserId, UserProfile Profile, IReadOnlyList<Device> Devices, NotificationPreferences Preferences)
{
    /// <summary>Present once the address has hard-bounced; null while it never did.</summary>
    public EmailAddressStatus? EmailStatus { get; init; }
}
