using Microsoft.Extensions.Options;

namespace NotificationSilo;

internal sealed class ConfigurationFailuresValidator : IValidateOptions<ConfigurationFailures>
{
    public ValidateOptionsResult Validate(string? name, ConfigurationFailures options) =>
        options.Failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(options.Failures);
}
