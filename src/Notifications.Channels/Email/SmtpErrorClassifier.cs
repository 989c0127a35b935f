using System.Net.Mail;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Notifications.Delivery;

namespace Notifications.Channels.Email;

/// <summary>SMTP replies: 4xx try again later, 5xx do not; enhanced code 5.1.x means the mailbox does not exist.</summary>
internal static partial class SmtpErrorClassifier
{
    public static DeliveryOutcome Classify(SmtpException exception)
    {
        var code = (int)exception.StatusCode;
        var enhanced = EnhancedStatus().Match(exception.Message);
        var reason = $"SMTP {(code > 0 ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : "failure")}: {exception.Message}";

        if (code <= 0 || exception.InnerException is IOException or SocketException)
        {
            return DeliveryOutcome.Transient(reason);
        }

        if (code is >= 400 and < 500)
        {
            return DeliveryOutcome.Transient(reason);
        }

        if (enhanced.Success && enhanced.Groups[1].Value == "5" && enhanced.Groups[2].Value == "1")
        {
            return DeliveryOutcome.TargetDead(reason);
        }

        // Authentication and TLS demands are about our account, not the message.
        if (code is 530 or 535 or 534 or 538 || enhanced.Success && enhanced.Groups[2].Value == "7" && enhanced.Groups[3].Value is "8" or "0" or "9")
        {
            return DeliveryOutcome.ConfigurationError(reason);
        }

        return DeliveryOutcome.Permanent(reason);
    }

    [GeneratedRegex(@"\b([245])\.(\d{1,3})\.(\d{1,3})\b")]
    private static partial Regex EnhancedStatus();
}
