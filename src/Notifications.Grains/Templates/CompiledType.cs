using Notifications.Model;

namespace Notifications.Grains.Templates;

/// <summary>A notification type with its templates compiled and indexed by (channel, locale).</summary>
internal sealed class CompiledType(NotificationTypeDefinition definition, IReadOnlyList<CompiledTemplate> templates)
{
    public NotificationTypeDefinition Definition { get; } = definition;

    /// <summary>The template for a channel in the most specific locale available: fr-CA → fr → default; then the in-app one.</summary>
    public CompiledTemplate? Find(ChannelKind channel, string? locale) =>
        FindFor(channel, locale) ?? FindFor(ChannelKind.InApp, locale) ?? templates.FirstOrDefault();

    private CompiledTemplate? FindFor(ChannelKind channel, string? locale)
    {
        foreach (var candidate in LocaleFallback.Chain(locale))
        {
            foreach (var template in templates)
            {
                if (template.Source.Channel == channel && string.Equals(template.Source.Locale, candidate, StringComparison.OrdinalIgnoreCase))
                {
                    return template;
                }
            }
        }
        return null;
    }
}
