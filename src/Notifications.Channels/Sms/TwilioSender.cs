using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Notifications.Channels.Sms;

/// <summary>The sender side of a message, shared by SMS and WhatsApp: one number or a messaging service, and the status callback.</summary>
internal static class TwilioSender
{
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
