namespace Notifications.Model;

/// <summary>Handlebars source for one channel and locale of a notification type. A null locale is the default.</summary>
public sealed record NotificationTemplate
{
    public required ChannelKind Channel { get; init; }
    public string? Locale { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }
    /// <summary>Email only: the HTML part. The text part is <see cref="Body"/>.</summary>
    public string? Html { get; init; }
}
