using System.Text.RegularExpressions;
using Notifications.Application;
using Notifications.Delivery;
using Notifications.Model;

namespace Notifications.Channels.Email;

/// <summary>
/// CAN-SPAM and the GDPR want a visible way out of every marketing email, not only the List-Unsubscribe header some
/// clients hide: each email template of a marketing category must place <c>{{unsubscribeUrl}}</c> in its text part
/// and, when it has one, in its HTML part.
/// </summary>
internal sealed partial class MarketingUnsubscribeRule(IReadOnlyCollection<string> marketingCategories) : ITemplateRule
{
    private readonly HashSet<string> marketing = new(marketingCategories, StringComparer.OrdinalIgnoreCase);

    // {{unsubscribeUrl}} or {{{unsubscribeUrl}}}, with Handlebars' whitespace control.
    [GeneratedRegex(@"\{\{\{?~?\s*" + EmailPlaceholders.UnsubscribeUrl + @"\s*~?\}?\}\}")]
    private static partial Regex Placeholder();

    public void Check(NotificationTypeDefinition definition)
    {
        if (!marketing.Contains(definition.Category))
        {
            return;
        }
        // Email without a template of its own would be rendered from the in-app one, which has no link to fill in.
        if (definition.Channels.Contains(ChannelKind.Email) && definition.Templates.All(t => t.Channel != ChannelKind.Email))
        {
            throw new ValidationFailedException("templates",
                $"Template '{definition.Type}' is in the marketing category '{definition.Category}' and sends email, so it needs an email template with {{{{{EmailPlaceholders.UnsubscribeUrl}}}}} (CAN-SPAM / GDPR).");
        }
        for (var i = 0; i < definition.Templates.Count; i++)
        {
            var template = definition.Templates[i];
            if (template.Channel != ChannelKind.Email)
            {
                continue;
            }
            var part = !Placeholder().IsMatch(template.Body) ? "body"
                : template.Html is { } html && !Placeholder().IsMatch(html) ? "html"
                : null;
            if (part is not null)
            {
                throw new ValidationFailedException($"templates[{i}].{part}",
                    $"Template '{definition.Type}' (email, locale {template.Locale ?? "default"}) is in the marketing category '{definition.Category}' but its {part} has no unsubscribe link: add {{{{{EmailPlaceholders.UnsubscribeUrl}}}}} (CAN-SPAM / GDPR).");
            }
        }
    }
}
