using System.Buffers.Text;
using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using Notifications.Api;
using Notifications.Domain.Rules;
using Notifications.Model;

namespace Notifications.Application;

/// <summary>Checks what users and producers write about a user: profile, preferences, devices.</summary>
internal static partial class UserInputValidator
{
    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    [GeneratedRegex("^[0-9a-fA-F]{64,200}$")]
    private static partial Regex ApnsToken();

    public static void Validate(UserProfile? profile)
    {
        if (profile is null)
        {
            throw new ValidationFailedException("body", "a user profile is required.");
        }
        if (profile.Email is { } email && (email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
        {
            throw new ValidationFailedException("email", $"'{email}' is not an email address.");
        }
        if (profile.Phone is { } phone && !E164().IsMatch(phone))
        {
            throw new ValidationFailedException("phone", $"'{phone}' is not an E.164 phone number (for example +14155550100).");
        }
        if (profile.WhatsApp is { } whatsApp && !E164().IsMatch(whatsApp))
        {
            throw new ValidationFailedException("whatsApp", $"'{whatsApp}' is not an E.164 phone number (for example +14155550100).");
        }
        if (profile.WhatsAppOptIn && profile.WhatsApp is null)
        {
            throw new ValidationFailedException("whatsAppOptIn", "whatsAppOptIn needs the whatsApp number it consents to.");
        }
        if (profile.TimeZone is { } zone && !TimeZones.TryFind(zone, out _))
        {
            throw new ValidationFailedException("timeZone", $"'{zone}' is not an IANA time zone (for example Europe/Berlin).");
        }
        if (profile.Locale is { } locale && !IsLocale(locale))
        {
            throw new ValidationFailedException("locale", $"'{locale}' is not a known BCP 47 locale (for example fr-CA).");
        }
        if (profile.DisplayName is { Length: > 200 })
        {
            throw new ValidationFailedException("displayName", "displayName is at most 200 characters.");
        }
        if (profile.Tags is { } tags && (tags.Count > 50 || tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 64)))
        {
            throw new ValidationFailedException("tags", "tags holds at most 50 non-empty tags of at most 64 characters.");
        }
    }

    public static void Validate(NotificationPreferences? preferences)
    {
        if (preferences is null)
        {
            throw new ValidationFailedException("body", "preferences are required.");
        }
        if (preferences.Channels is null || preferences.Channels.Keys.Any(c => !Enum.IsDefined(c)))
        {
            throw new ValidationFailedException("channels", "channels maps inApp, push, email, sms, webhook and whatsapp to true or false.");
        }
        if (preferences.Categories is null || preferences.Categories.Count > 100)
        {
            throw new ValidationFailedException("categories", "categories holds at most 100 categories.");
        }
        foreach (var (category, preference) in preferences.Categories)
        {
            if (string.IsNullOrWhiteSpace(category) || category.Length > 64)
            {
                throw new ValidationFailedException("categories", $"category name '{category}' must be 1-64 characters.");
            }
            if (preference is null || preference.Channels is null || preference.Channels.Keys.Any(c => !Enum.IsDefined(c)) || !Enum.IsDefined(preference.Digest))
            {
                throw new ValidationFailedException($"categories.{category}", $"categories.{category} needs channels (inApp, push, email, sms, webhook, whatsapp → bool) and digest (instant, hourly, daily).");
            }
        }
        if (preferences.QuietHours is { } quiet)
        {
            if (!QuietHoursRule.TryParseTime(quiet.Start, out _))
            {
                throw new ValidationFailedException("quietHours.start", "quietHours.start must be a local time HH:mm.");
            }
            if (!QuietHoursRule.TryParseTime(quiet.End, out _))
            {
                throw new ValidationFailedException("quietHours.end", "quietHours.end must be a local time HH:mm.");
            }
            if (!Enum.IsDefined(quiet.Mode))
            {
                throw new ValidationFailedException("quietHours.mode", "quietHours.mode must be defer or inboxOnly.");
            }
        }
    }

    public static void Validate(RegisterDeviceRequest? request)
    {
        if (request is null)
        {
            throw new ValidationFailedException("body", "a device is required.");
        }
        switch (request.Kind)
        {
            case DeviceKind.Ios when request.Token is null || !ApnsToken().IsMatch(request.Token):
                throw new ValidationFailedException("token", "an ios device needs token: the APNs device token in hex (64-200 characters).");
            case DeviceKind.Android when string.IsNullOrWhiteSpace(request.Token) || request.Token.Length > 4096 || request.Token.Any(char.IsWhiteSpace):
                throw new ValidationFailedException("token", "an android device needs token: the FCM registration token.");
            case DeviceKind.WebPush:
                ValidateSubscription(request.Subscription);
                break;
            case null:
                throw new ValidationFailedException("kind", "kind is required: ios, android or webPush.");
        }
    }

    private static void ValidateSubscription(WebPushSubscription? subscription)
    {
        if (subscription is null)
        {
            throw new ValidationFailedException("subscription", "a webPush device needs subscription {endpoint, p256dh, auth}.");
        }
        if (!Uri.TryCreate(subscription.Endpoint, UriKind.Absolute, out var endpoint)
            || !(endpoint.Scheme == Uri.UriSchemeHttps || (endpoint.Scheme == Uri.UriSchemeHttp && endpoint.IsLoopback)))
        {
            throw new ValidationFailedException("subscription.endpoint", "subscription.endpoint must be an https URL.");
        }
        if (DecodedLength(subscription.P256dh) != 65 || Base64Url.DecodeFromChars(subscription.P256dh)[0] != 0x04)
        {
            throw new ValidationFailedException("subscription.p256dh", "subscription.p256dh must be an uncompressed P-256 public key (65 bytes, base64url).");
        }
        if (DecodedLength(subscription.Auth) != 16)
        {
            throw new ValidationFailedException("subscription.auth", "subscription.auth must be a 16-byte secret (base64url).");
        }
    }

    private static int DecodedLength(string? base64Url)
    {
        if (string.IsNullOrEmpty(base64Url) || !Base64Url.IsValid(base64Url))
        {
            return -1;
        }
        return Base64Url.DecodeFromChars(base64Url).Length;
    }

    private static bool IsLocale(string locale)
    {
        try
        {
            return CultureInfo.GetCultureInfo(locale, predefinedOnly: true) is not null;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
