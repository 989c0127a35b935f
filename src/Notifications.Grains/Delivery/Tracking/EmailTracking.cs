using System.Net;
using System.Text.RegularExpressions;
using Notifications.Delivery;

namespace Notifications.Grains.Delivery.Tracking;

/// <summary>
/// Adds tracking to the HTML part of an email just before it is sent (the delivery id exists only then): a 1×1
/// pixel before &lt;/body&gt; and every http(s) link routed through the signed click redirect. The text part is left
/// alone, and links to the silo itself (unsubscribe) are not wrapped.
/// </summary>
internal sealed partial class EmailTracking(TrackingLinks links)
{
    [GeneratedRegex("""(<a\b[^>]*?\bhref\s*=\s*)(["'])(https?://[^"'<>\s]+)\2""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Anchor();

    [GeneratedRegex("</body>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.RightToLeft)]
    private static partial Regex BodyEnd();

    public RenderedContent Decorate(long deliveryId, RenderedContent content)
    {
        if (content.Html is not { } html || (!links.TracksOpens && !links.TracksClicks))
        {
            return content;
        }
        if (links.TracksClicks)
        {
            var own = links.BaseUri!.AbsoluteUri;
            html = Anchor().Replace(html, match =>
            {
                var destination = WebUtility.HtmlDecode(match.Groups[3].Value);
                if (destination.StartsWith(own, StringComparison.OrdinalIgnoreCase))
                {
                    return match.Value;
                }
                var quote = match.Groups[2].Value;
                return match.Groups[1].Value + quote + WebUtility.HtmlEncode(links.ClickUrl(deliveryId, destination)) + quote;
            });
        }
        if (links.TracksOpens)
        {
            var pixel = $"""<img src="{WebUtility.HtmlEncode(links.OpenUrl(deliveryId))}" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px" />""";
            var end = BodyEnd().Match(html);
            html = end.Success ? html.Insert(end.Index, pixel) : html + pixel;
        }
        return content with { Html = html };
    }
}
