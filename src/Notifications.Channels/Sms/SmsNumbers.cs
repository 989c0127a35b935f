using System.Text.RegularExpressions;

namespace Notifications.Channels.Sms;

internal static partial class SmsNumbers
{
    public static bool IsE164(string number) => E164().IsMatch(number);

    [GeneratedRegex(@"^\+[1-9]\d{1,14}$")]
    private static partial Regex E164();
}
