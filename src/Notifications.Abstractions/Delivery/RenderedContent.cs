namespace Notifications.Delivery;

/// <summary>A notification rendered for one channel and locale.</summary>
public sealed record RenderedContent(
    string Title,
    string Body,
    string? Html,
    string Category,
    string? Type,
    IReadOnlyDictionary<string, string> Data)
{
    /// <summary>WhatsApp: the approved content template to send when free-form text may not go.</summary>
    public string? ContentSid { get; init; }

    /// <summary>WhatsApp: the content template's variables, rendered.</summary>
    public IReadOnlyDictionary<string, string>? ContentVariables { get; init; }

    /// <summary>
    /// WhatsApp: until when the user's customer-service session is open (24 hours after their last message to us),
    /// as the user's grain knew it when the job was made; null when they never wrote. The sender decides at send time.
    /// </summary>
    public DateTimeOffset? SessionOpenUntil { get; init; }
}
