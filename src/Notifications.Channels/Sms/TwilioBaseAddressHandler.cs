using Notifications.Channels.Common;

namespace Notifications.Channels.Sms;

/// <summary>
/// The HTTP pipeline under the Twilio SDK. The SDK always addresses https://api.twilio.com; this sends its requests
/// to the configured base address instead (a regional proxy, or our fake in tests). It also hands the answer's status
/// and Retry-After to the sending call: the SDK's <c>ApiException</c> drops the headers, and the status too when the
/// body is not a Twilio error.
/// </summary>
internal sealed class TwilioBaseAddressHandler(Uri baseAddress, TimeProvider time) : DelegatingHandler(
    new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false })
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri)
        {
            request.RequestUri = new Uri(baseAddress, uri.PathAndQuery.TrimStart('/'));
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        TwilioCallScope.Current?.Answered((int)response.StatusCode, RetryAfterHeader.Read(response, time));
        return response;
    }
}
