using Microsoft.Extensions.Options;
using Notifications.Delivery;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Notifications.Channels.Sms;

internal sealed class TwilioSmsSender(IOptions<SmsOptions> options, TimeProvider time) : IChannelSender, IDisposable
{
    private readonly SmsOptions options = options.Value;
    private readonly TwilioMessagingClient twilio = new(options.Value, time);

    public DeliveryChannel Channel => DeliveryChannel.Sms;

    public Task<DeliveryOutcome> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        if ((TwilioSender.RefuseTarget(request.Target) ?? TwilioSender.RefuseBody(request.Content.Body)) is { } refused)
        {
            return Task.FromResult(refused);
        }

        var message = new CreateMessageOptions(new PhoneNumber(request.Target)) { Body = request.Content.Body };
        TwilioSender.Address(message, options, number => number);
        return twilio.CreateAsync(message, cancellationToken);
    }

    public void Dispose() => twilio.Dispose();
}
