using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Notifications.Channels.Common;
using Notifications.Delivery;

namespace Notifications.Channels.Apns;

internal sealed class ApnsSender : IChannelSender, IDisposable
{
    private const int MaxCollapseIdBytes = 64;

    private readonly ApnsOptions options;
    private readonly TimeProvider time;
    private readonly ApnsProviderTokenSource tokens;
    private readonly HttpClient http;

    public ApnsSender(IOptions<ApnsOptions> options, TimeProvider time)
    {
        this.options = options.Value;
        this.time = time;
        var key = ApnsSigningKey.TryLoad(this.options, out var error) ?? throw new InvalidOperationException(error);
        tokens = new ApnsProviderTokenSource(key, this.options.TeamId!, this.options.KeyId!, this.options.TokenRefreshInterval, time);
        // APNs caps concurrent streams per connection; more connections carry more volume.
        http = new HttpClient(new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = this.options.MaxConnections != 1,
            MaxConnectionsPerServer = this.options.MaxConnections > 0 ? this.options.MaxConnections : int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            KeepAlivePingDelay = TimeSpan.FromMinutes(1),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        })
        {
            BaseAddress = this.options.BaseAddress,
            Timeout = this.options.RequestTimeout,
            DefaultRequestVersion = HttpVersion.Version20,
            // Exact HTTP/2 also lets a cleartext http:// address use prior knowledge (h2c) instead of upgrading.
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    public DeliveryChannel Channel => DeliveryChannel.Apns;

    public async Task<DeliveryOutcome> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        var payload = ApnsPayload.Build(request);
        if (payload.Body.Length > ApnsPayload.MaxPayloadBytes)
        {
            return DeliveryOutcome.Permanent($"payload too large: {payload.Body.Length} bytes, APNs accepts at most {ApnsPayload.MaxPayloadBytes}");
        }

        var collapseId = ContentConventions.Collapse(request.Content.Data);
        if (collapseId is not null && Encoding.UTF8.GetByteCount(collapseId) > MaxCollapseIdBytes)
        {
            return DeliveryOutcome.Permanent($"collapse id longer than {MaxCollapseIdBytes} bytes");
        }

        try
        {
            var token = tokens.Current;
            var outcome = await SendOnceAsync(request, payload, collapseId, token, cancellationToken).ConfigureAwait(false);
            if (outcome.Reason?.Contains("ExpiredProviderToken", StringComparison.Ordinal) == true)
            {
                // Documented exception to "no retries here": Apple asks for a fresh token and one resend.
                token = tokens.Renew(token);
                outcome = await SendOnceAsync(request, payload, collapseId, token, cancellationToken).ConfigureAwait(false);
            }

            return outcome;
        }
        catch (Exception exception) when (HttpFailures.Classify(exception, cancellationToken) is { } outcome)
        {
            return outcome;
        }
    }

    private async Task<DeliveryOutcome> SendOnceAsync(DeliveryRequest request, ApnsPayload payload, string? collapseId, string token, CancellationToken cancellationToken)
    {
        var background = payload.PushType == "background";
        using var message = new HttpRequestMessage(HttpMethod.Post, "3/device/" + Uri.EscapeDataString(request.Target))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(payload.Body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("bearer", token);
        message.Headers.Add("apns-topic", options.BundleId);
        message.Headers.Add("apns-push-type", payload.PushType);
        message.Headers.Add("apns-priority", !background && request.Lane is Priority.Critical or Priority.High ? "10" : "5");
        message.Headers.Add("apns-expiration", (time.GetUtcNow() + options.TimeToLive).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        message.Headers.Add("apns-id", DeterministicUuid.Create(request.IdempotencyKey).ToString("D"));
        if (collapseId is not null)
        {
            message.Headers.Add("apns-collapse-id", collapseId);
        }

        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var apnsId = response.Headers.TryGetValues("apns-id", out var ids) ? ids.FirstOrDefault() : null;
        return ApnsErrorClassifier.Classify((int)response.StatusCode, ApnsErrorClassifier.ReadReason(body), apnsId, RetryAfterHeader.Read(response, time));
    }

    public void Dispose()
    {
        http.Dispose();
        tokens.Dispose();
    }
}
