using Notifications.Domain.Commands;

namespace Notifications.Runtime.Storage;

/// <summary>A command to append to its partition's stream.</summary>
/// <param name="NotificationId">Set for notify commands, so the notification can be found before it is processed.</param>
/// <param name="Idempotency">When set, the append is refused as a duplicate if the key is still reserved.</param>
public sealed record NewCommand(int Partition, Priority Lane, string GrainKey, UserCommand Command, Guid? NotificationId = null, IdempotencyReservation? Idempotency = null);
