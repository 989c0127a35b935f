using Notifications.Delivery;

namespace Notifications.Grains.Storage;

/// <summary>Shows enough of a delivery target to recognise it, without handing out tokens, addresses or numbers.</summary>
public static class TargetMask
{
    public static string Mask(DeliveryChannel channel, string target) => channel switch
    {
        DeliveryChannel.InApp => target,
        DeliveryChannel.Email => MaskEmail(target),
        DeliveryChannel.Sms or DeliveryChannel.WhatsApp => target.Length > 4 ? new string('*', target.Length - 4) + target[^4..] : "****",
        DeliveryChannel.WebPush => "subscription",
        _ => target.Length > 8 ? target[..4] + "…" + target[^4..] : "****",
    };

    private static string MaskEmail(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at <= 1 ? "***" + address[Math.Max(at, 0)..] : address[0] + "***" + address[at..];
    }
}
