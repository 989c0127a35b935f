using Notifications.Model;

namespace Notifications.Api;

public sealed record UserView(string UserId, UserProfile Profile, IReadOnlyList<Device> Devices, NotificationPreferences Preferences)
{
    /// <summary>The WhatsApp number's consent record, when the profile has one.</summary>
    public WhatsAppConsent? WhatsApp { get; init; }

    /// <summary>Present once the address has hard-bounced; null while it never did.</summary>
    public EmailAddressStatus? EmailStatus { get; init; }
}
