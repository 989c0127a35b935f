using System.Text.RegularExpressions;
using MimeKit;
using Notifications.Delivery;

namespace Notifications.Channels.Email.Bounces;

/// <summary>
/// Reads a delivery status notification (RFC 3464: multipart/report; report-type=delivery-status) into the failures
/// it reports. The email is named by the Message-ID in the returned headers (text/rfc822-headers or message/rfc822),
/// or else by Original-Envelope-Id, which our sender sets to the same Message-ID.
/// </summary>
internal static partial class DeliveryStatusReport
{
    [GeneratedRegex(@"^\s*([245])\.(\d{1,3})\.(\d{1,3})\b")]
    private static partial Regex StatusCode();

    /// <summary>Null when <paramref name="message"/> is no DSN or names no email; else its failed recipients (possibly none: a "delayed" report).</summary>
    public static IReadOnlyList<EmailBounce>? Read(MimeMessage message, BounceMailboxOptions options)
    {
        if (message.Body is not MultipartReport report || !string.Equals(report.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase)
            || report.OfType<MessageDeliveryStatus>().FirstOrDefault() is not { StatusGroups.Count: > 1 } status)
        {
            return null;
        }
        var messageId = ReturnedMessageId(report) ?? EnvelopeId(status.StatusGroups[0]);
        if (messageId is null)
        {
            return null;
        }
        var bounces = new List<EmailBounce>();
        foreach (var recipient in status.StatusGroups.Skip(1))
        {
            if (!string.Equals(recipient["Action"]?.Trim(), "failed", StringComparison.OrdinalIgnoreCase)
                || StatusCode().Match(recipient["Status"] ?? "") is not { Success: true } code)
            {
                continue;
            }
            var hard = code.Groups[1].Value == "5";
            var disableAfter = !hard ? 0
                : options.DisableOnUnknownAddress && code.Groups[2].Value == "1" ? 1
                : options.HardBounceLimit;
            bounces.Add(new EmailBounce(messageId, Address(recipient["Final-Recipient"] ?? recipient["Original-Recipient"]),
                $"{code.Groups[1].Value}.{code.Groups[2].Value}.{code.Groups[3].Value}", recipient["Diagnostic-Code"]?.Trim(), disableAfter));
        }
        return bounces;
    }

    private static string? ReturnedMessageId(MultipartReport report) =>
        report.OfType<MessagePart>().Select(part => part.Message?.MessageId).FirstOrDefault(id => !string.IsNullOrWhiteSpace(id)) is { } id
            ? $"<{id}>"
            : null;

    /// <summary>RFC 3461 xtext: "+XX" stands for the byte XX.</summary>
    private static string? EnvelopeId(HeaderList perMessage)
    {
        if (perMessage["Original-Envelope-Id"]?.Trim() is not { Length: > 0 } xtext)
        {
            return null;
        }
        var decoded = Regex.Replace(xtext, "\\+([0-9A-Fa-f]{2})", m => ((char)Convert.ToByte(m.Groups[1].Value, 16)).ToString());
        return $"<{decoded.Trim('<', '>')}>";
    }

    /// <summary>"rfc822; ada@example.com" → "ada@example.com".</summary>
    private static string Address(string? field)
    {
        var value = field?.Trim() ?? "";
        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? value[(semicolon + 1)..] : value).Trim().Trim('<', '>');
    }
}
