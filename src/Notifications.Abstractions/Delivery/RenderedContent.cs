namespace Notifications.Delivery;

/// <summary>A notification rendered for one channel and locale.</summary>
public sealed record RenderedContent(
    string Title,
    string Body,
    string? Html,
    string Category,
    string? Type,
    IReadOnlyDictionary<string, string> Data);
