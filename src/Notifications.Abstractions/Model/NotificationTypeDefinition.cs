namespace Notifications.Model;

/// <summary>A kind of notification producers can send by name, with its category, lane and templates.</summary>
public sealed record NotificationTypeDefinition
{
    public required string Type { get; init; }
    public required string Category { get; init; }
    public Priority DefaultPriority { get; init; } = Priority.Normal;
    /// <summary>Channels used when a request names none.</summary>
    public IReadOnlyList<ChannelKind> Channels { get; init; } = [ChannelKind.InApp];
    public IReadOnlyList<NotificationTemplate> Templates { get; init; } = [];
    /// <summary>Where the webhook channel posts notifications of this type (https); falls back to Silo:Delivery:DefaultWebhookUrl.</summary>
    public string? WebhookUrl { get; init; }
    /// <summary>Inbox tags every notification of this type carries, besides the request's own.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    public DateTimeOffset UpdatedAt { get; init; }
}
