using System.Net;
using System.Net.Http.Headers;
using Google.Apis.Auth.OAuth2.Responses;
using Microsoft.Extensions.Options;
using Notifications.Channels.Common;
using Notifications.Delivery;

namespace Notifications.Channels.Fcm;

internal sealed class FcmSender : IChannelSender, IDisposable
{
    private readonly FcmOptions options;
    private readonly TimeProvider time;
    private readonly FcmAccessTokenSource tokens;
    private readonly HttpClient http;
    private readonly Uri sendUri;

    public FcmSender(IOptions<FcmOptions> options, TimeProvider time)
    {
        this.options = options.Value;
        this.time = time;
        var account = FcmServiceAccount.TryLoad(this.options, out var error) ?? throw new InvalidOperationException(error);
        tokens = new FcmAccessTokenSource(account, time);
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = this.options.RequestTimeout,
        };
        sendUri = new Uri(this.options.BaseAddress, $"v1/projects/{Uri.EscapeDataString(account.ProjectId)}/messages:send");
    }

    public DeliveryChannel Channel => DeliveryChannel.Fcm;

    public async Task<DeliveryOutcome> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        var body = FcmMessageBuilder.Build(request, options, time.GetUtcNow(), out var refusal);
        if (body is null)
        {
            return DeliveryOutcome.Permanent(refusal!);
        }

        try
        {
            var token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
            using var first = await PostAsync(body, token, cancellationToken).ConfigureAwait(false);
            if (first.StatusCode != HttpStatusCode.Unauthorized)
            {
                return await ClassifyAsync(first, cancellationToken).ConfigureAwait(false);
            }

            // The cached token was revoked or expired early: exchange a new one, once.
            token = await tokens.RefreshAsync(cancellationToken).ConfigureAwait(false);
            using var second = await PostAsync(body, token, cancellationToken).ConfigureAwait(false);
            return await ClassifyAsync(second, cancellationToken).ConfigureAwait(false);
        }
        catch (TokenResponseException exception)
        {
            var error = exception.Error;
            var reason = $"FCM token exchange refused: {error?.Error} {error?.ErrorDescription}".TrimEnd();
            return exception.StatusCode is { } status && ((int)status >= 500 || (int)status == 429)
                ? DeliveryOutcome.Transient(reason)
                : DeliveryOutcome.ConfigurationError(reason);
        }
        catch (Exception exception) when (HttpFailures.Classify(exception, cancellationToken) is { } outcome)
        {
            return outcome;
        }
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string token, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, sendUri)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DeliveryOutcome> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return FcmErrorClassifier.Classify(response.StatusCode, text, RetryAfterHeader.Read(response, time));
    }

    public void Dispose() => http.Dispose();
}
