using Microsoft.Extensions.Options;

namespace Notifications.Channels.Webhook;

internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        const string S = WebhookOptions.Section;
        var failures = new List<string>();
        if (options.SigningSecret is not { Length: >= 16 })
        {
            failures.Add($"{S}:SigningSecret must be at least 16 characters.");
        }

        if (options.MaxPayloadBytes < 1024)
        {
            failures.Add($"{S}:MaxPayloadBytes must be at least 1024.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{S}:RequestTimeout must be positive.");
        }

        failures.AddRange(options.Resilience.Validate(S));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
