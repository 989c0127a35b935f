using Microsoft.Extensions.Options;
using Notifications.Delivery;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Notifications.Channels.Sms;

internal sealed class TwilioSmsSender(IOptions<SmsOptions> options, TimeProvider time) : IChannelSender, IDisposable
{
    /// <summary>Twilio refuses bodies longer than this many characters (21617).</summary>
    public const int MaxBodyLength = 1600;

    private readonly SmsOptions options = options.Value;
    private readonly TwilioMessagingClient twilio = new(options.Value, time);

    public DeliveryChannel Channel => DeliveryChannel.Sms;

    public Task<DeliveryOutcome> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        if (!SmsNumbers.IsE164(request.Target))
        {
            return Task.FromResult(DeliveryOutcome.TargetDead($"'{request.Target}' is not an E.164 phone number"));
        }

        var body = request.Content.Body;
        if (body.Length > MaxBodyLength)
        {
            return Task.FromResult(DeliveryOutcome.Permanent($"payload too large: {body.Length} characters, Twilio accepts at most {MaxBodyLength}"));
        }

        var message = new CreateMessageOptions(new PhoneNumber(request.Target)) { Body = body };
        TwilioSender.Address(message, options, number => number);
        return twilio.CreateAsync(message, cancellationToken);
    }

    public void Dispose() => twilio.Dispose();
}
