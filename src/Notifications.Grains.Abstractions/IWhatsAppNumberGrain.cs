namespace Notifications.Grains;

/// <summary>
/// One WhatsApp number (E.164, the key) and the users registered with it, so that what Twilio reports by number
/// (an inbound message, STOP) reaches the users' grains. Kept by the user grains as profiles change.
/// </summary>
public interface IWhatsAppNumberGrain : IGrainWithStringKey
{
    Task LinkAsync(string userId);

    Task UnlinkAsync(string userId);

    Task<IReadOnlyList<string>> GetUsersAsync();
}
