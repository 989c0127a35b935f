using System.Net;
using System.Text;
using MimeKit;
using Notifications.Channels.Common;
using Notifications.Delivery;

namespace Notifications.Channels.Email;

/// <summary>
/// Builds the MIME message with MimeKit: text and HTML alternatives, a stable Message-ID (what bounces are matched
/// by), the unsubscribe link where the template asked for it and, for marketing mail, the RFC 8058 headers.
/// </summary>
internal sealed class EmailMessageFactory
{
    private readonly EmailOptions options;
    private readonly MailboxAddress from;
    private readonly string messageIdDomain;
    private readonly HashSet<string> marketing;
    private readonly UnsubscribeLinkSigner? signer;
    private readonly TimeProvider time;

    public EmailMessageFactory(EmailOptions options, TimeProvider time)
    {
        this.options = options;
        this.time = time;
        from = new MailboxAddress(options.FromName, options.From!);
        ReturnPath = string.IsNullOrWhiteSpace(options.ReturnPath) ? from : MailboxAddress.Parse(options.ReturnPath);
        messageIdDomain = string.IsNullOrWhiteSpace(options.MessageIdDomain) ? from.Domain : options.MessageIdDomain;
        marketing = new HashSet<string>(options.EffectiveMarketingCategories, StringComparer.OrdinalIgnoreCase);
        signer = options.UnsubscribeSecret is { Length: > 0 } secret ? new UnsubscribeLinkSigner(secret) : null;
    }

    /// <summary>The envelope sender: delivery status notifications come back to it.</summary>
    public MailboxAddress ReturnPath { get; }

    public static int EstimateSize(RenderedContent content)
        => Encoding.UTF8.GetByteCount(content.Title) + Encoding.UTF8.GetByteCount(content.Body) + (content.Html is null ? 0 : Encoding.UTF8.GetByteCount(content.Html));

    public string MessageId(DeliveryRequest request) => $"<{MessageIdValue(request)}>";

    public MimeMessage Create(DeliveryRequest request, MailboxAddress to)
    {
        var content = request.Content;
        var unsubscribe = signer is null ? null : signer.CreateLink(new Uri(options.UnsubscribeUrl!), request.UserId, content.Category).AbsoluteUri;
        var message = new MimeMessage
        {
            Subject = content.Title,
            MessageId = MessageIdValue(request),
            Date = time.GetUtcNow(),
        };
        message.From.Add(from);
        message.To.Add(to);
        message.Headers.Add("X-Notification-Id", request.NotificationId.ToString());

        var body = new BodyBuilder { TextBody = WithUnsubscribeLink(content.Body, unsubscribe ?? "") };
        if (content.Html is not null)
        {
            body.HtmlBody = WithUnsubscribeLink(content.Html, WebUtility.HtmlEncode(unsubscribe ?? ""));
        }
        message.Body = body.ToMessageBody();

        if (marketing.Contains(content.Category) && signer is not null)
        {
            var mailto = $"mailto:{options.UnsubscribeMailto}?subject=unsubscribe%20{Uri.EscapeDataString(content.Category)}%20{signer.Sign(request.UserId, content.Category)}";
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>, <{mailto}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        return message;
    }

    /// <summary>The Message-ID without its angle brackets; derived from the job's idempotency key, so a retry repeats it.</summary>
    private string MessageIdValue(DeliveryRequest request) => $"{DeterministicUuid.Create(request.IdempotencyKey):N}@{messageIdDomain}";

    private static string WithUnsubscribeLink(string part, string link) =>
        part.Replace(EmailPlaceholders.UnsubscribeUrlMarker, link, StringComparison.Ordinal);
}
