using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Notifications.Channels.Common;
using Notifications.Delivery;

namespace Notifications.Channels.Webhook;

internal sealed class WebhookSender : IChannelSender, IDisposable
{
    private readonly WebhookOptions options;
    private readonly WebhookSignature signature;
    private readonly TimeProvider time;
    private readonly HttpClient http;

    public WebhookSender(IOptions<WebhookOptions> options, TimeProvider time)
    {
        this.options = options.Value;
        this.time = time;
        signature = new WebhookSignature(this.options.SigningSecret!);
        // Receivers are arbitrary hosts: never follow redirects to somewhere the operator did not name.
        http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = this.options.RequestTimeout,
        };
    }

    public DeliveryChannel Channel => DeliveryChannel.Webhook;

    public async Task<DeliveryOutcome> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(request.Target, UriKind.Absolute, out var url)
            || !(url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp && options.AllowInsecureHttp))
        {
            return DeliveryOutcome.TargetDead($"'{request.Target}' is not an allowed webhook URL");
        }

        var now = time.GetUtcNow();
        var body = WebhookPayload.Serialize(request, now);
        if (body.Length > options.MaxPayloadBytes)
        {
            return DeliveryOutcome.Permanent($"payload too large: {body.Length} bytes, the limit is {options.MaxPayloadBytes}");
        }

        var timestamp = now.ToUnixTimeSeconds();
        using var message = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
        };
        message.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        message.Headers.Add(WebhookSignature.SignatureHeader, signature.Sign(timestamp, body));
        message.Headers.Add(WebhookSignature.IdHeader, request.IdempotencyKey);

        try
        {
            using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var reason = $"webhook answered {status}";
            return status switch
            {
                >= 200 and < 300 => DeliveryOutcome.Sent(),
                410 => DeliveryOutcome.TargetDead(reason),
                408 or 425 or 429 or >= 500 => DeliveryOutcome.Transient(reason, RetryAfterHeader.Read(response, time)),
                401 or 403 => DeliveryOutcome.ConfigurationError(reason + " (signature or credentials refused)"),
                _ => DeliveryOutcome.Permanent(reason),
            };
        }
        catch (Exception exception) when (HttpFailures.Classify(exception, cancellationToken) is { } outcome)
        {
            return outcome;
        }
    }

    public void Dispose() => http.Dispose();
}
