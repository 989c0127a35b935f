using Microsoft.Extensions.Options;

namespace Notifications.Channels.Sms;

internal sealed class SmsOptionsValidator : IValidateOptions<SmsOptions>
{
    public ValidateOptionsResult Validate(string? name, SmsOptions options)
    {
        var failures = TwilioAccountRules.Validate(SmsOptions.Section, options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
