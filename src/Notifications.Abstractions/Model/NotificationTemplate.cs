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
    /// <summary>
    /// WhatsApp only: the Twilio Content API template (HX + 32 hex digits) WhatsApp approved. It is what goes outside
    /// the 24-hour session window; without it such a delivery fails for good.
    /// </summary>
    public string? ContentSid { get; init; }
    /// <summary>WhatsApp only: the content template's variables ("1", "2", ...) as Handlebars sources over the notification's data.</summary>
    public IReadOnlyDictionary<string, string>? ContentVariables { get; init; }
}
