namespace Notifications.Domain.Commands;

/// <summary>
/// The timer a snooze leaves in the user's state: at <see cref="Until"/> the item comes back to the live feed. It
/// carries the instant so that a snooze changed or cancelled since then is told apart and announces nothing.
/// </summary>
public sealed record UnsnoozeCommand : UserCommand
{
    public required Guid NotificationId { get; init; }
    public required DateTimeOffset Until { get; init; }
}
