using Notifications.Api;

namespace Notifications.Domain.Commands;

/// <summary>
/// Every push target of a notification failed for good (dead token, refused payload): reach the user by email
/// instead, if their preferences allow email for the category (or it is critical) and they have an address.
/// Sent by the delivery workers; carries what the grain needs to render the email, since it keeps no notification history.
/// </summary>
public sealed record PushFallbackCommand : UserCommand
{
    public required Guid NotificationId { get; init; }
    public string? Type { get; init; }
    public required string Category { get; init; }
    public bool Critical { get; init; }
    public Priority Priority { get; init; } = Priority.Normal;
    /// <summary>Set for inline notifications (no type to render an email template from).</summary>
    public InlineContent? Content { get; init; }
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();
    public string? Reason { get; init; }
}
