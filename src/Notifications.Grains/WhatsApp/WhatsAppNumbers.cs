using Notifications.Grains.Privacy;

namespace Notifications.Grains.WhatsApp;

/// <summary>
/// The index grain of a WhatsApp number, keyed by the number's pseudonym: a grain's key is stored in clear with its
/// state, and a phone number must not be.
/// </summary>
internal sealed class WhatsAppNumbers(IGrainFactory grains, PiiProtector pii)
{
    public IWhatsAppNumberGrain Get(string number) => grains.GetGrain<IWhatsAppNumberGrain>(pii.Pseudonym("whatsapp", number));
}
