using Microsoft.Extensions.Options;

namespace Notifications.Channels.WebPush;

internal sealed class WebPushOptionsValidator : IValidateOptions<WebPushOptions>
{
    public ValidateOptionsResult Validate(string? name, WebPushOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Subject)
            || !(options.Subject.StartsWith("mailto:", StringComparison.Ordinal) || options.Subject.StartsWith("https:", StringComparison.Ordinal)))
        {
            failures.Add($"{WebPushOptions.Section}:Subject must be a mailto: or https: contact URI (RFC 8292).");
        }

        if (string.IsNullOrWhiteSpace(options.PublicKey) || string.IsNullOrWhiteSpace(options.PrivateKey))
        {
            failures.Add($"{WebPushOptions.Section}: PublicKey and PrivateKey (the VAPID key pair, base64url) are required.");
        }
        else
        {
            using var key = VapidKey.TryLoadSigningKey(options, out var error);
            if (key is null)
            {
                failures.Add(error!);
            }
        }

        if (options.TokenLifetime <= TimeSpan.FromMinutes(5) || options.TokenLifetime > TimeSpan.FromHours(24))
        {
            failures.Add($"{WebPushOptions.Section}:TokenLifetime must be more than 5 minutes and at most 24 hours.");
        }

        if (options.TimeToLive < TimeSpan.Zero)
        {
            failures.Add($"{WebPushOptions.Section}:TimeToLive must not be negative.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{WebPushOptions.Section}:RequestTimeout must be positive.");
        }

        failures.AddRange(options.Resilience.Validate(WebPushOptions.Section));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
