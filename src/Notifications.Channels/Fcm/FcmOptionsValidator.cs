using Microsoft.Extensions.Options;

namespace Notifications.Channels.Fcm;

internal sealed class FcmOptionsValidator : IValidateOptions<FcmOptions>
{
    public ValidateOptionsResult Validate(string? name, FcmOptions options)
    {
        var failures = new List<string>();
        if (FcmServiceAccount.TryLoad(options, out var error) is null)
        {
            failures.Add(error!);
        }

        if (!options.BaseAddress.IsAbsoluteUri || options.BaseAddress.Scheme is not ("https" or "http"))
        {
            failures.Add($"{FcmOptions.Section}:BaseAddress must be an absolute http(s) URL.");
        }

        if (options.TimeToLive < TimeSpan.Zero || options.TimeToLive > TimeSpan.FromDays(28))
        {
            failures.Add($"{FcmOptions.Section}:TimeToLive must be between 0 and 28 days (FCM's maximum).");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{FcmOptions.Section}:RequestTimeout must be positive.");
        }

        failures.AddRange(options.Resilience.Validate(FcmOptions.Section));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
