using Notifications.Delivery;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Notifications.Channels.Sms;

/// <summary>What SMS and WhatsApp messages share on Twilio's Messages resource: the recipient and body rules, the sender side.</summary>
internal static class TwilioSender
{
    /// <summary>Twilio refuses longer bodies (21617).</summary>
    public const int MaxBodyLength = 1600;

    /// <summary>Null when the target is a number Twilio can address.</summary>
    public static DeliveryOutcome? RefuseTarget(string target) =>
        SmsNumbers.IsE164(target) ? null : DeliveryOutcome.TargetDead($"'{target}' is not an E.164 phone number");

    /// <summary>Null when Twilio accepts a body this long.</summary>
    public static DeliveryOutcome? RefuseBody(string body) => body.Length > MaxBodyLength
        ? DeliveryOutcome.Permanent($"payload too large: {body.Length} characters, Twilio accepts at most {MaxBodyLength}")
        : null;

    /// <param name="address">How a number is written on this channel (WhatsApp prefixes "whatsapp:").</param>
    public static void Address(CreateMessageOptions message, TwilioAccountOptions options, Func<string, string> address)
    {
        if (string.IsNullOrWhiteSpace(options.MessagingServiceSid))
        {
            message.From = new PhoneNumber(address(options.From!));
        }
        else
        {
            message.MessagingServiceSid = options.MessagingServiceSid;
        }

        if (options.StatusCallbackUrl is not null)
        {
            message.StatusCallback = new Uri(options.StatusCallbackUrl);
        }
    }
}
