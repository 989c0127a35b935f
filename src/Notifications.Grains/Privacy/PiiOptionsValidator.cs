using Microsoft.Extensions.Options;

namespace Notifications.Grains.Privacy;

/// <summary>Names the setting at fault; a key's value is a secret, so only its decoded length is shown.</summary>
internal sealed class PiiOptionsValidator : IValidateOptions<PiiOptions>
{
    public ValidateOptionsResult Validate(string? name, PiiOptions options)
    {
        if (options.Keys.Count == 0)
        {
            return string.IsNullOrWhiteSpace(options.KeyFile)
                ? ValidateOptionsResult.Fail($"{PiiOptions.Section}:Keys is empty and {PiiOptions.Section}:KeyFile is not set: personal data cannot be encrypted at rest. Configure keys (every silo of a cluster the same) or a key file.")
                : ValidateOptionsResult.Success;
        }
        var failures = new List<string>();
        foreach (var (id, value) in options.Keys)
        {
            if (!PiiKeyRing.IsValidKeyId(id))
            {
                failures.Add($"{PiiOptions.Section}:Keys:{id} has an invalid id '{id}': use 1-32 letters, digits, '-' or '_'.");
            }
            if (PiiKeyRing.KeyLength(value) is var length and not PiiKeyRing.KeyBytes)
            {
                failures.Add($"{PiiOptions.Section}:Keys:{id} must be {PiiKeyRing.KeyBytes} bytes in base64 (was {(length < 0 ? "not base64" : $"{length} bytes")}).");
            }
        }
        if (string.IsNullOrWhiteSpace(options.CurrentKey) || !options.Keys.ContainsKey(options.CurrentKey))
        {
            failures.Add($"{PiiOptions.Section}:CurrentKey is '{options.CurrentKey}', which is not one of {PiiOptions.Section}:Keys ({string.Join(", ", options.Keys.Keys)}).");
        }
        if (PiiKeyRing.KeyLength(options.IndexKey) is var index and not PiiKeyRing.KeyBytes)
        {
            failures.Add($"{PiiOptions.Section}:IndexKey must be {PiiKeyRing.KeyBytes} bytes in base64 (was {(index < 0 ? "missing or not base64" : $"{index} bytes")}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
