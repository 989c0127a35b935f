using Microsoft.Extensions.Options;
using Notifications.Channels.Sms;

namespace Notifications.Channels.WhatsApp;

internal sealed class WhatsAppOptionsValidator : IValidateOptions<WhatsAppOptions>
{
    public ValidateOptionsResult Validate(string? name, WhatsAppOptions options)
    {
        var failures = TwilioAccountRules.Validate(WhatsAppOptions.Section, options);
        if (options.InboundUrl is not null && !TwilioAccountRules.IsHttpUrl(options.InboundUrl))
        {
            failures.Add($"{WhatsAppOptions.Section}:InboundUrl must be an absolute http(s) URL, not '{options.InboundUrl}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
