using Microsoft.Extensions.Options;
using Notifications.Channels.Email.Bounces;

namespace Notifications.Channels.Email;

internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        const string S = EmailOptions.Section;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            failures.Add($"{S}:Host is required (the SMTP submission server).");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"{S}:Port must be between 1 and 65535, not {options.Port}.");
        }

        if (options.UseImplicitTls && options.UseStartTls)
        {
            failures.Add($"{S}:UseImplicitTls and UseStartTls exclude each other (implicit TLS on 465, STARTTLS on 587); set UseStartTls to false.");
        }

        if (string.IsNullOrWhiteSpace(options.UserName) != string.IsNullOrWhiteSpace(options.Password))
        {
            failures.Add($"{S}: UserName and Password must be set together.");
        }

        if (!EmailAddresses.IsValid(options.From))
        {
            failures.Add($"{S}:From must be a valid e-mail address, not '{options.From}'.");
        }

        if (options.ReturnPath is not null && !EmailAddresses.IsValid(options.ReturnPath))
        {
            failures.Add($"{S}:ReturnPath must be a valid e-mail address, not '{options.ReturnPath}'.");
        }

        if (options.PoolSize is < 1 or > 64)
        {
            failures.Add($"{S}:PoolSize must be between 1 and 64, not {options.PoolSize}.");
        }

        if (options.ConnectionIdleTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{S}:ConnectionIdleTimeout must be positive, not {options.ConnectionIdleTimeout}.");
        }

        if (options.MaxMessagesPerConnection < 1)
        {
            failures.Add($"{S}:MaxMessagesPerConnection must be at least 1, not {options.MaxMessagesPerConnection}.");
        }

        if (options.MaxMessageBytes < 1024)
        {
            failures.Add($"{S}:MaxMessageBytes must be at least 1024, not {options.MaxMessageBytes}.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout.TotalMilliseconds > int.MaxValue)
        {
            failures.Add($"{S}:RequestTimeout must be positive, not {options.RequestTimeout}.");
        }

        if (options.EffectiveMarketingCategories.Count > 0)
        {
            // Plain http only for a silo on this machine (local runs against the provider fakes): RFC 8058 wants https.
            if (!Uri.TryCreate(options.UnsubscribeUrl, UriKind.Absolute, out var url)
                || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
            {
                failures.Add($"{S}:UnsubscribeUrl must be an absolute https URL (RFC 8058 one-click unsubscribe; http only on loopback), not '{options.UnsubscribeUrl}'; set MarketingCategories to [] to send no marketing mail.");
            }

            if (!EmailAddresses.IsValid(options.UnsubscribeMailto))
            {
                failures.Add($"{S}:UnsubscribeMailto must be a valid e-mail address, not '{options.UnsubscribeMailto}'.");
            }

            if (options.UnsubscribeSecret is not { Length: >= 16 })
            {
                failures.Add($"{S}:UnsubscribeSecret must be at least 16 characters.");
            }
        }

        failures.AddRange(BounceMailboxOptionsValidator.Validate(options.Bounces, $"{S}:{nameof(EmailOptions.Bounces)}"));
        failures.AddRange(options.Resilience.Validate(S));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
