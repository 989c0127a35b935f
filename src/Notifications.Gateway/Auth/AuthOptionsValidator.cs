using System.Text;
using Microsoft.Extensions.Options;

namespace Notifications.Gateway.Auth;

internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public const int MinBootstrapKeyLength = 16;
    public const int MinSigningKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (options.BootstrapKey is { Length: > 0 } bootstrap && bootstrap.Trim().Length < MinBootstrapKeyLength)
        {
            failures.Add($"Auth:BootstrapKey must be at least {MinBootstrapKeyLength} characters when set (it grants admin); remove it or use a longer random value.");
        }
        if (options.TokenSigningKey is { Length: > 0 } signingKey && Encoding.UTF8.GetByteCount(signingKey) < MinSigningKeyBytes)
        {
            failures.Add($"Auth:TokenSigningKey must be at least {MinSigningKeyBytes} bytes (HS256 needs a 256-bit key); remove it to let the silo generate one.");
        }
        if (options.MaxTokenLifetime < AuthOptions.MinTokenLifetime || options.MaxTokenLifetime > AuthOptions.MaxConfigurableTokenLifetime)
        {
            failures.Add($"Auth:MaxTokenLifetime must be between {AuthOptions.MinTokenLifetime} and {AuthOptions.MaxConfigurableTokenLifetime}; it is {options.MaxTokenLifetime}.");
        }
        if (options.DefaultTokenLifetime < AuthOptions.MinTokenLifetime || options.DefaultTokenLifetime > options.MaxTokenLifetime)
        {
            failures.Add($"Auth:DefaultTokenLifetime must be between {AuthOptions.MinTokenLifetime} and Auth:MaxTokenLifetime ({options.MaxTokenLifetime}); it is {options.DefaultTokenLifetime}.");
        }
        if (string.IsNullOrWhiteSpace(options.TokenIssuer))
        {
            failures.Add("Auth:TokenIssuer must not be empty.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
