using System.Buffers.Text;
using Notifications.Api;
using Notifications.Model;
using Notifications.Runtime.Application;

namespace Notifications.Gateway.Validation;

internal static class DeviceRequestValidator
{
    private const int MaxTokenLength = 4096;
    /// <summary>RFC 8291: the user agent's P-256 key as an uncompressed point.</summary>
    private const int P256dhBytes = 65;
    private const byte UncompressedPointTag = 0x04;
    /// <summary>RFC 8291: the authentication secret.</summary>
    private const int AuthSecretBytes = 16;

    public static void Validate(RegisterDeviceRequest request)
    {
        switch (request.Kind)
        {
            case null:
                throw new ValidationFailedException("kind", "Required: ios, android or webPush.");
            case DeviceKind.Ios or DeviceKind.Android:
                if (string.IsNullOrWhiteSpace(request.Token) || request.Token.Length > MaxTokenLength || request.Token.Any(char.IsWhiteSpace))
                {
                    throw new ValidationFailedException("token", $"An {request.Kind.Value.ToString().ToLowerInvariant()} device needs its push token: 1 to {MaxTokenLength} characters without spaces.");
                }
                if (request.Subscription is not null)
                {
                    throw new ValidationFailedException("subscription", "Only webPush devices carry a subscription.");
                }
                break;
            case DeviceKind.WebPush:
                if (request.Token is not null)
                {
                    throw new ValidationFailedException("token", "A webPush device is identified by its subscription, not a token.");
                }
                ValidateSubscription(request.Subscription);
                break;
            default:
                throw new ValidationFailedException("kind", "Must be ios, android or webPush.");
        }
    }

    private static void ValidateSubscription(WebPushSubscription? subscription)
    {
        if (subscription is null)
        {
            throw new ValidationFailedException("subscription", "A webPush device needs the browser's PushSubscription: endpoint, p256dh and auth.");
        }
        if (!Uri.TryCreate(subscription.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps)
        {
            throw new ValidationFailedException("subscription.endpoint", "Must be an absolute https URL (RFC 8030 push resource).");
        }
        if (DecodedLength(subscription.P256dh) is not P256dhBytes || Base64Url.DecodeFromChars(subscription.P256dh)[0] != UncompressedPointTag)
        {
            throw new ValidationFailedException("subscription.p256dh", $"Must be the base64url of an uncompressed P-256 public key ({P256dhBytes} bytes starting with 0x04).");
        }
        if (DecodedLength(subscription.Auth) is not AuthSecretBytes)
        {
            throw new ValidationFailedException("subscription.auth", $"Must be the base64url of the {AuthSecretBytes}-byte authentication secret.");
        }
    }

    private static int? DecodedLength(string? base64Url)
    {
        if (string.IsNullOrEmpty(base64Url))
        {
            return null;
        }
        try
        {
            return Base64Url.DecodeFromChars(base64Url).Length;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
