using Notifications.Channels.Common;
using Notifications.Delivery;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;

namespace Notifications.Channels.Sms;

/// <summary>The Twilio SDK's REST client for one account, pointed at the configured base address; answers are delivery outcomes.</summary>
internal sealed class TwilioMessagingClient : IDisposable
{
    private readonly System.Net.Http.HttpClient http;
    private readonly TwilioRestClient client;

    public TwilioMessagingClient(TwilioAccountOptions options, TimeProvider time)
    {
        http = new System.Net.Http.HttpClient(new TwilioBaseAddressHandler(options.BaseAddress, time)) { Timeout = options.RequestTimeout };
        client = new TwilioRestClient(options.AccountSid, options.AuthToken, options.AccountSid, httpClient: new SystemNetHttpClient(http));
    }

    public async Task<DeliveryOutcome> CreateAsync(CreateMessageOptions message, CancellationToken cancellationToken)
    {
        using var scope = TwilioCallScope.Begin();
        try
        {
            // The SDK takes no cancellation token: the HttpClient's timeout bounds the call, the caller's token our wait.
            var created = await MessageResource.CreateAsync(message, client).WaitAsync(cancellationToken).ConfigureAwait(false);
            return DeliveryOutcome.Sent(created.Sid);
        }
        catch (ApiException exception)
        {
            return TwilioErrorClassifier.Classify(exception, scope.Status, scope.RetryAfter);
        }
        catch (ApiConnectionException exception) when (HttpFailures.Classify(exception.InnerException ?? exception, cancellationToken) is { } outcome)
        {
            return outcome;
        }
        catch (ApiConnectionException exception)
        {
            return DeliveryOutcome.Transient($"Twilio unreachable: {exception.InnerException?.Message ?? exception.Message}");
        }
    }

    public void Dispose() => http.Dispose();
}
