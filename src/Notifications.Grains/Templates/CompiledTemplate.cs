using HandlebarsDotNet;
using Notifications.Model;

namespace Notifications.Grains.Templates;

/// <summary>One template with its parts compiled once; rendering is then a plain delegate call.</summary>
internal sealed class CompiledTemplate(NotificationTemplate source, HandlebarsTemplate<object, object> title, HandlebarsTemplate<object, object> body, HandlebarsTemplate<object, object>? html)
{
    public NotificationTemplate Source { get; } = source;

    public (string Title, string Body, string? Html) Render(object data) => (title(data), body(data), html?.Invoke(data));
}
