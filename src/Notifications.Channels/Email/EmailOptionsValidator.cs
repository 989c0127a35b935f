using System.Net.Mail;
using Microsoft.Extensions.Options;

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

        if (options.Port == 465)
        {
            failures.Add($"{S}:Port 465 (implicit TLS) is not supported; use 587 with UseStartTls.");
        }
        else if (options.Port is < 1 or > 65535)
        {
            failures.Add($"{S}:Port must be between 1 and 65535.");
        }

        if (string.IsNullOrWhiteSpace(options.UserName) != string.IsNullOrWhiteSpace(options.Password))
        {
            failures.Add($"{S}: UserName and Password must be set together.");
        }

        if (!MailAddress.TryCreate(options.From, out _))
        {
            failures.Add($"{S}:From must be a valid e-mail address.");
        }

        if (options.PoolSize is < 1 or > 64)
        {
            failures.Add($"{S}:PoolSize must be between 1 and 64.");
        }

        if (options.MaxMessageBytes < 1024)
        {
            failures.Add($"{S}:MaxMessageBytes must be at least 1024.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{S}:RequestTimeout must be positive.");
        }

        if (options.EffectiveMarketingCategories.Count > 0)
        {
            // Plain http only for a silo on this machine (local runs against the provider fakes): RFC 8058 wants https.
            if (!Uri.TryCreate(options.UnsubscribeUrl, UriKind.Absolute, out var url)
                || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
            {
                failures.Add($"{S}:UnsubscribeUrl must be an absolute https URL (RFC 8058 one-click unsubscribe; http only on loopback); set MarketingCategories to [] to send no marketing mail.");
            }

            if (!MailAddress.TryCreate(options.UnsubscribeMailto, out _))
            {
                failures.Add($"{S}:UnsubscribeMailto must be a valid e-mail address.");
            }

            if (options.UnsubscribeSecret is not { Length: >= 16 })
            {
                failures.Add($"{S}:UnsubscribeSecret must be at least 16 characters.");
            }
        }

        failures.AddRange(options.Resilience.Validate(S));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
