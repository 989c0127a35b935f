namespace Notifications.Runtime.Storage;

/// <summary>
/// The answer for one appended command: its sequence in the stream, or, for a duplicate idempotency key,
/// the id of the notification that first used the key (and no sequence: nothing was appended).
/// </summary>
public sealed record AppendResult(long? Sequence, Guid? NotificationId, bool Duplicate);
