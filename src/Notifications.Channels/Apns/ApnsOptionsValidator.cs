using Microsoft.Extensions.Options;

namespace Notifications.Channels.Apns;

internal sealed class ApnsOptionsValidator : IValidateOptions<ApnsOptions>
{
    public ValidateOptionsResult Validate(string? name, ApnsOptions options)
    {
        var failures = new List<string>();
        if (options.TeamId is not { Length: 10 } || !options.TeamId.All(char.IsAsciiLetterOrDigit))
        {
            failures.Add($"{ApnsOptions.Section}:TeamId must be the 10-character Apple team id.");
        }

        if (options.KeyId is not { Length: 10 } || !options.KeyId.All(char.IsAsciiLetterOrDigit))
        {
            failures.Add($"{ApnsOptions.Section}:KeyId must be the 10-character id of the .p8 key.");
        }

        if (string.IsNullOrWhiteSpace(options.BundleId))
        {
            failures.Add($"{ApnsOptions.Section}:BundleId is required (it is sent as apns-topic).");
        }

        using (var key = ApnsSigningKey.TryLoad(options, out var error))
        {
            if (key is null)
            {
                failures.Add(error!);
            }
        }

        if (!options.BaseAddress.IsAbsoluteUri || options.BaseAddress.Scheme is not ("https" or "http"))
        {
            failures.Add($"{ApnsOptions.Section}:BaseAddress must be an absolute http(s) URL.");
        }

        if (options.TokenRefreshInterval < TimeSpan.FromMinutes(20) || options.TokenRefreshInterval > TimeSpan.FromMinutes(55))
        {
            failures.Add($"{ApnsOptions.Section}:TokenRefreshInterval must be between 20 and 55 minutes (Apple refuses tokens older than an hour and rate-limits new ones).");
        }

        if (options.TimeToLive < TimeSpan.Zero)
        {
            failures.Add($"{ApnsOptions.Section}:TimeToLive must not be negative.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{ApnsOptions.Section}:RequestTimeout must be positive.");
        }

        if (options.MaxConnections < 0)
        {
            failures.Add($"{ApnsOptions.Section}:MaxConnections must be 0 (as many as the load needs) or positive.");
        }

        failures.AddRange(options.Resilience.Validate(ApnsOptions.Section));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
