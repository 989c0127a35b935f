using Notifications.Delivery;

namespace Notifications.Channels.Sms;

/// <summary>
/// Twilio callbacks arrive out of order and more than once; a message's status only ever moves forward
/// (queued → sent → delivered | undelivered | failed), and the first final status wins.
/// </summary>
public static class SmsStatusProgression
{
    public static bool IsFinal(string status) => Rank(status) >= 4;

    /// <summary>The status to keep after <paramref name="incoming"/> arrives while <paramref name="current"/> is recorded.</summary>
    public static string Advance(string? current, string incoming)
    {
        if (current is null)
        {
            return Normalize(incoming);
        }

        var was = Rank(current);
        var now = Rank(incoming);
        if (now < 0 || now <= was || now == 5 && Normalize(current) != "delivered")
        {
            return current;
        }

        return Normalize(incoming);
    }

    public static DeliveryStatus? ToDeliveryStatus(string status) => Normalize(status) switch
    {
        "accepted" or "scheduled" or "queued" => DeliveryStatus.Queued,
        "sending" => DeliveryStatus.Sending,
        "sent" => DeliveryStatus.Sent,
        "delivered" => DeliveryStatus.Delivered,
        "read" => DeliveryStatus.Opened,
        "undelivered" => DeliveryStatus.Bounced,
        "failed" or "canceled" => DeliveryStatus.Failed,
        _ => null,
    };

    private static string Normalize(string status) => status.Trim().ToLowerInvariant();

    /// <summary>Final statuses share a rank so one never replaces another; "read" is only ever reported after delivery.</summary>
    private static int Rank(string status) => Normalize(status) switch
    {
        "accepted" or "scheduled" => 0,
        "queued" => 1,
        "sending" => 2,
        "sent" => 3,
        "delivered" or "undelivered" or "failed" or "canceled" => 4,
        "read" => 5,
        _ => -1,
    };
}
