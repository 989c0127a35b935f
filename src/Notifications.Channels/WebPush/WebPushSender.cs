using System.Buffers.Text;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Notifications.Channels.Common;
using Notifications.Delivery;
using Notifications.Model;

namespace Notifications.Channels.WebPush;

internal sealed class WebPushSender : IChannelSender, IDisposable
{
    private const int MaxTopicLength = 32;

    private readonly WebPushOptions options;
    private readonly VapidTokenSigner signer;
    private readonly TimeProvider time;
    private readonly HttpClient http;

    public WebPushSender(IOptions<WebPushOptions> options, TimeProvider time)
    {
        this.options = options.Value;
        this.time = time;
        var key = VapidKey.TryLoadSigningKey(this.options, out var error) ?? throw new InvalidOperationException(error);
        signer = new VapidTokenSigner(key, this.options.Subject!, this.options.TokenLifetime, time);
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = this.options.RequestTimeout };
    }

    public DeliveryChannel Channel => DeliveryChannel.WebPush;

    public async Task<DeliveryOutcome> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        if (!TryReadSubscription(request.Target, out var endpoint, out var userAgentKey, out var authSecret, out var problem))
        {
            return DeliveryOutcome.TargetDead(problem);
        }

        var plaintext = WebPushMessage.Serialize(request);
        if (plaintext.Length > WebPushEncryptor.MaxPlaintextBytes)
        {
            return DeliveryOutcome.Permanent($"payload too large: {plaintext.Length} bytes, one Web Push record holds at most {WebPushEncryptor.MaxPlaintextBytes}");
        }

        byte[] body;
        try
        {
            body = WebPushEncryptor.Encrypt(plaintext, userAgentKey, authSecret);
        }
        catch (CryptographicException exception)
        {
            return DeliveryOutcome.TargetDead($"subscription key unusable: {exception.Message}");
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } },
        };
        message.Content.Headers.ContentEncoding.Add("aes128gcm");
        message.Headers.TryAddWithoutValidation("Authorization", signer.AuthorizationFor(endpoint));
        message.Headers.Add("TTL", ((long)options.TimeToLive.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        message.Headers.Add("Urgency", request.Lane switch
        {
            Priority.Critical or Priority.High => "high",
            Priority.Normal => "normal",
            _ => "low",
        });
        if (ContentConventions.Collapse(request.Content.Data) is { } collapse)
        {
            message.Headers.Add("Topic", Topic(collapse));
        }

        try
        {
            using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return WebPushErrorClassifier.Classify((int)response.StatusCode, text, response.Headers.Location?.ToString(), RetryAfterHeader.Read(response, time));
        }
        catch (Exception exception) when (HttpFailures.Classify(exception, cancellationToken) is { } outcome)
        {
            return outcome;
        }
    }

    /// <summary>RFC 8030 topics are at most 32 base64url characters; longer keys are hashed into that shape.</summary>
    internal static string Topic(string collapseKey)
    {
        if (collapseKey.Length <= MaxTopicLength && collapseKey.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return collapseKey;
        }

        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(collapseKey)))[..MaxTopicLength];
    }

    private static bool TryReadSubscription(string target, out Uri endpoint, out byte[] userAgentKey, out byte[] authSecret, out string problem)
    {
        endpoint = null!;
        userAgentKey = [];
        authSecret = [];
        WebPushSubscription? subscription;
        try
        {
            subscription = JsonSerializer.Deserialize<WebPushSubscription>(target, NotificationJson.Options);
        }
        catch (JsonException exception)
        {
            problem = $"subscription is not valid JSON: {exception.Message}";
            return false;
        }

        if (subscription is null || !Uri.TryCreate(subscription.Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            problem = "subscription has no absolute http(s) endpoint";
            return false;
        }

        try
        {
            userAgentKey = Base64Url.DecodeFromChars(subscription.P256dh ?? "");
            authSecret = Base64Url.DecodeFromChars(subscription.Auth ?? "");
        }
        catch (FormatException)
        {
            problem = "subscription keys are not base64url";
            return false;
        }

        if (userAgentKey.Length != 65 || authSecret.Length != 16)
        {
            problem = "subscription needs a 65-byte p256dh key and a 16-byte auth secret";
            return false;
        }

        endpoint = uri;
        problem = "";
        return true;
    }

    public void Dispose()
    {
        http.Dispose();
        signer.Dispose();
    }
}
