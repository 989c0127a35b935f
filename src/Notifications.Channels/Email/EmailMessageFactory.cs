using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Notifications.Channels.Common;
using Notifications.Delivery;

namespace Notifications.Channels.Email;

/// <summary>Builds the MIME message: text and HTML alternatives, a stable Message-ID and, for marketing mail, RFC 8058 headers.</summary>
internal sealed class EmailMessageFactory
{
    private readonly EmailOptions options;
    private readonly MailAddress from;
    private readonly string messageIdDomain;
    private readonly HashSet<string> marketing;
    private readonly UnsubscribeLinkSigner? signer;

    public EmailMessageFactory(EmailOptions options)
    {
        this.options = options;
        from = new MailAddress(options.From!, options.FromName);
        messageIdDomain = string.IsNullOrWhiteSpace(options.MessageIdDomain) ? from.Host : options.MessageIdDomain;
        marketing = new HashSet<string>(options.EffectiveMarketingCategories, StringComparer.OrdinalIgnoreCase);
        signer = options.UnsubscribeSecret is { Length: > 0 } secret ? new UnsubscribeLinkSigner(secret) : null;
    }

    public static int EstimateSize(RenderedContent content)
        => Encoding.UTF8.GetByteCount(content.Title) + Encoding.UTF8.GetByteCount(content.Body) + (content.Html is null ? 0 : Encoding.UTF8.GetByteCount(content.Html));

    public string MessageId(DeliveryRequest request) => $"<{DeterministicUuid.Create(request.IdempotencyKey):N}@{messageIdDomain}>";

    public MailMessage Create(DeliveryRequest request, MailAddress to)
    {
        var content = request.Content;
        var message = new MailMessage
        {
            From = from,
            Subject = content.Title,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        message.To.Add(to);

        var text = AlternateView.CreateAlternateViewFromString(content.Body, Encoding.UTF8, MediaTypeNames.Text.Plain);
        text.TransferEncoding = TransferEncoding.QuotedPrintable;
        message.AlternateViews.Add(text);
        if (content.Html is not null)
        {
            var html = AlternateView.CreateAlternateViewFromString(content.Html, Encoding.UTF8, MediaTypeNames.Text.Html);
            html.TransferEncoding = TransferEncoding.QuotedPrintable;
            message.AlternateViews.Add(html);
        }

        message.Headers.Add("Message-ID", MessageId(request));
        message.Headers.Add("X-Notification-Id", request.NotificationId.ToString());
        if (marketing.Contains(content.Category) && signer is not null)
        {
            var link = signer.CreateLink(new Uri(options.UnsubscribeUrl!), request.UserId, content.Category);
            var mailto = $"mailto:{options.UnsubscribeMailto}?subject=unsubscribe%20{Uri.EscapeDataString(content.Category)}%20{signer.Sign(request.UserId, content.Category)}";
            message.Headers.Add("List-Unsubscribe", $"<{link.AbsoluteUri}>, <{mailto}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        return message;
    }
}
