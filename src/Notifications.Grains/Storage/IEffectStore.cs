using Notifications.Grains.Users;

namespace Notifications.Grains.Storage;

/// <summary>The record side of user grains' turns: notification records, inbox rows, delivery jobs and directory rows.</summary>
public interface IEffectStore
{
    /// <summary>
    /// Writes one turn's effects atomically and idempotently: a notification record is an upsert, an inbox row or
    /// a delivery job already present (same notification, same idempotency key) is left as it is, a directory row
    /// replaces the user's row (and its tags). Returns once durable.
    /// </summary>
    Task ApplyAsync(PendingEffects effects, CancellationToken cancellationToken);
}
