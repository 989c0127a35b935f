using Notifications.Api;
using Notifications.Delivery;

namespace Notifications.Domain.Users;

/// <summary>Turns a type (or inline content) and data into text for one channel and locale.</summary>
public interface IContentRenderer
{
    RenderedContent Render(string? type, string category, ChannelKind channel, string? locale, InlineContent? inline, IReadOnlyDictionary<string, string> data);
}
