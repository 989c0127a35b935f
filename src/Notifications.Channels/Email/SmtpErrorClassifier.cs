using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Notifications.Delivery;

namespace Notifications.Channels.Email;

/// <summary>SMTP replies: 4xx try again later, 5xx do not; enhanced code 5.1.x means the mailbox does not exist.</summary>
internal static partial class SmtpErrorClassifier
{
    /// <summary>What a failed submission means for the delivery; null for an exception that is not about SMTP.</summary>
    public static DeliveryOutcome? Classify(Exception exception) => exception switch
    {
        SmtpCommandException command => Classify((int)command.StatusCode, command.Message),
        // RFC 4954: 535 bad credentials, 534 mechanism too weak, 538 encryption required; all about our account.
        AuthenticationException => DeliveryOutcome.ConfigurationError($"SMTP authentication failed: {exception.Message}"),
        SslHandshakeException => DeliveryOutcome.ConfigurationError($"SMTP TLS handshake failed: {exception.Message}"),
        NotSupportedException => DeliveryOutcome.ConfigurationError($"SMTP server does not support what the settings ask for: {exception.Message}"),
        SmtpProtocolException or ServiceNotConnectedException or IOException or SocketException or TimeoutException
            => DeliveryOutcome.Transient($"SMTP session failed: {exception.Message}"),
        _ => null,
    };

    public static DeliveryOutcome Classify(int code, string message)
    {
        var enhanced = EnhancedStatus().Match(message);
        var reason = $"SMTP {(code > 0 ? code.ToString(CultureInfo.InvariantCulture) : "failure")}: {message}";

        if (code is <= 0 or (>= 400 and < 500))
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
