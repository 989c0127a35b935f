using HandlebarsDotNet;
using Notifications.Model;

namespace Notifications.Grains.Templates;

/// <summary>One template with its parts compiled once; rendering is then a plain delegate call.</summary>
internal sealed class CompiledTemplate(
    NotificationTemplate source,
    HandlebarsTemplate<object, object> title,
    HandlebarsTemplate<object, object> body,
    HandlebarsTemplate<object, object>? html,
    IReadOnlyDictionary<string, HandlebarsTemplate<object, object>>? contentVariables = null)
{
    public NotificationTemplate Source { get; } = source;

    public (string Title, string Body, string? Html) Render(object data) => (title(data), body(data), html?.Invoke(data));

    /// <summary>A WhatsApp template's content variables; null for every other template.</summary>
    public IReadOnlyDictionary<string, string>? RenderContentVariables(object data) =>
        contentVariables?.ToDictionary(v => v.Key, v => v.Value(data), StringComparer.Ordinal);
}
