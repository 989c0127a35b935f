using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Notifications.Channels.Sms;

internal sealed partial class SmsOptionsValidator : IValidateOptions<SmsOptions>
{
    public ValidateOptionsResult Validate(string? name, SmsOptions options)
    {
        const string S = SmsOptions.Section;
        var failures = new List<string>();
        if (options.AccountSid is null || !Sid("AC").IsMatch(options.AccountSid))
        {
            failures.Add($"{S}:AccountSid must be a Twilio account SID (AC followed by 32 hex digits).");
        }

        if (string.IsNullOrWhiteSpace(options.AuthToken))
        {
            failures.Add($"{S}:AuthToken is required.");
        }

        var hasFrom = !string.IsNullOrWhiteSpace(options.From);
        var hasService = !string.IsNullOrWhiteSpace(options.MessagingServiceSid);
        if (hasFrom == hasService)
        {
            failures.Add($"{S}: set exactly one of From (an E.164 number) and MessagingServiceSid.");
        }
        else if (hasFrom && !SmsNumbers.IsE164(options.From!))
        {
            failures.Add($"{S}:From must be an E.164 number such as +15005550006.");
        }
        else if (hasService && !Sid("MG").IsMatch(options.MessagingServiceSid!))
        {
            failures.Add($"{S}:MessagingServiceSid must be MG followed by 32 hex digits.");
        }

        if (options.StatusCallbackUrl is not null
            && (!Uri.TryCreate(options.StatusCallbackUrl, UriKind.Absolute, out var callback) || callback.Scheme is not ("https" or "http")))
        {
            failures.Add($"{S}:StatusCallbackUrl must be an absolute http(s) URL.");
        }

        if (!options.BaseAddress.IsAbsoluteUri || options.BaseAddress.Scheme is not ("https" or "http"))
        {
            failures.Add($"{S}:BaseAddress must be an absolute http(s) URL.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{S}:RequestTimeout must be positive.");
        }

        failures.AddRange(options.Resilience.Validate(S));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static Regex Sid(string prefix) => prefix == "AC" ? AccountSidPattern() : ServiceSidPattern();

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$")]
    private static partial Regex AccountSidPattern();

    [GeneratedRegex("^MG[0-9a-fA-F]{32}$")]
    private static partial Regex ServiceSidPattern();
}
