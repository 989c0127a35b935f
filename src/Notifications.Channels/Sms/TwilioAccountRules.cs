using System.Text.RegularExpressions;

namespace Notifications.Channels.Sms;

/// <summary>The settings rules of a Twilio account section; each message names the setting and the bad value.</summary>
internal static partial class TwilioAccountRules
{
    public static List<string> Validate(string section, TwilioAccountOptions options)
    {
        var failures = new List<string>();
        if (options.AccountSid is null || !AccountSidPattern().IsMatch(options.AccountSid))
        {
            failures.Add($"{section}:AccountSid must be a Twilio account SID (AC followed by 32 hex digits), not '{options.AccountSid}'.");
        }

        if (string.IsNullOrWhiteSpace(options.AuthToken))
        {
            failures.Add($"{section}:AuthToken is required.");
        }

        var hasFrom = !string.IsNullOrWhiteSpace(options.From);
        var hasService = !string.IsNullOrWhiteSpace(options.MessagingServiceSid);
        if (hasFrom == hasService)
        {
            failures.Add($"{section}: set exactly one of From (an E.164 number) and MessagingServiceSid.");
        }
        else if (hasFrom && !SmsNumbers.IsE164(options.From!))
        {
            failures.Add($"{section}:From must be an E.164 number such as +15005550006, not '{options.From}'.");
        }
        else if (hasService && !ServiceSidPattern().IsMatch(options.MessagingServiceSid!))
        {
            failures.Add($"{section}:MessagingServiceSid must be MG followed by 32 hex digits, not '{options.MessagingServiceSid}'.");
        }

        if (options.StatusCallbackUrl is not null && !IsHttpUrl(options.StatusCallbackUrl))
        {
            failures.Add($"{section}:StatusCallbackUrl must be an absolute http(s) URL, not '{options.StatusCallbackUrl}'.");
        }

        if (!options.BaseAddress.IsAbsoluteUri || options.BaseAddress.Scheme is not ("https" or "http"))
        {
            failures.Add($"{section}:BaseAddress must be an absolute http(s) URL, not '{options.BaseAddress}'.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{section}:RequestTimeout must be positive, not {options.RequestTimeout}.");
        }

        failures.AddRange(options.Resilience.Validate(section));
        return failures;
    }

    public static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$")]
    private static partial Regex AccountSidPattern();

    [GeneratedRegex("^MG[0-9a-fA-F]{32}$")]
    private static partial Regex ServiceSidPattern();
}
