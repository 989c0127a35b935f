using Notifications.Tracking;
using Microsoft.Extensions.Options;

namespace Notifications.Grains.Delivery.Tracking;

internal sealed class TrackingOptionsValidator : IValidateOptions<TrackingOptions>
{
    public const int MinSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, TrackingOptions options)
    {
        const string S = TrackingOptions.Section;
        var failures = new List<string>();
        if (options.PublicBaseUrl is { } url)
        {
            if (options.BaseUri is not { } uri || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                failures.Add($"{S}:PublicBaseUrl '{url}' must be an absolute http(s) URL without query or fragment, e.g. https://notify.example.com/.");
            }
            if ((options.EmailOpens || options.EmailClicks) && options.Secret is not { Length: >= MinSecretLength })
            {
                failures.Add($"{S}:Secret must be at least {MinSecretLength} characters to sign open and click links (or set {S}:EmailOpens and {S}:EmailClicks to false).");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
