using System.Text.Json;
using Microsoft.Extensions.Options;
using Notifications.Channels.Sms;
using Notifications.Delivery;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Notifications.Channels.WhatsApp;

/// <summary>
/// Sends through the Twilio SDK with WhatsApp addressing. Inside the user's 24-hour session the rendered text goes
/// free-form; outside it only the template's approved content (ContentSid + ContentVariables), and without one the
/// delivery fails for good: WhatsApp would refuse it (63016) however often it is retried.
/// </summary>
internal sealed class WhatsAppSender(IOptions<WhatsAppOptions> options, TimeProvider time) : IChannelSender, IDisposable
{
    private readonly WhatsAppOptions options = options.Value;
    private readonly TwilioMessagingClient twilio = new(options.Value, time);

    public DeliveryChannel Channel => DeliveryChannel.WhatsApp;

    public Task<DeliveryOutcome> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        if (TwilioSender.RefuseTarget(request.Target) is { } deadTarget)
        {
            return Task.FromResult(deadTarget);
        }

        var content = request.Content;
        var message = new CreateMessageOptions(new PhoneNumber(WhatsAppAddress.Of(request.Target)));
        if (content.SessionOpenUntil is { } until && time.GetUtcNow() < until)
        {
            if (TwilioSender.RefuseBody(content.Body) is { } tooLong)
            {
                return Task.FromResult(tooLong);
            }

            message.Body = content.Body;
        }
        else if (content.ContentSid is { } contentSid)
        {
            message.ContentSid = contentSid;
            message.ContentVariables = JsonSerializer.Serialize(content.ContentVariables ?? new Dictionary<string, string>());
        }
        else
        {
            var session = content.SessionOpenUntil is { } ended ? $"it closed at {ended:O}" : "the user never wrote to us";
            var template = content.Type is { } type ? $"the {type} whatsapp template declares no contentSid" : "inline content has no contentSid";
            return Task.FromResult(DeliveryOutcome.Permanent($"outside the 24-hour WhatsApp session window ({session}) and {template}"));
        }

        TwilioSender.Address(message, options, WhatsAppAddress.Of);
        return twilio.CreateAsync(message, cancellationToken);
    }

    public void Dispose() => twilio.Dispose();
}
