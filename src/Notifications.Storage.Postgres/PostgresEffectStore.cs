using Notifications.Grains.Storage;
using Notifications.Grains.Users;
using Notifications.Storage.Postgres.Effects;

namespace Notifications.Storage.Postgres;

/// <summary>
/// A turn's records go to the server with those of every other turn that ended meanwhile (<see cref="EffectBatchWriter"/>):
/// one round trip and one commit for many grains. The call returns once the batch holding the turn committed.
/// </summary>
internal sealed class PostgresEffectStore(EffectBatchWriter writer) : IEffectStore
{
    public Task ApplyAsync(PendingEffects effects, CancellationToken cancellationToken)
    {
        if (effects.IsEmpty)
        {
            return Task.CompletedTask;
        }
        // Once queued the turn shares its batch's fate: cancelling one caller cannot take its records out of it.
        cancellationToken.ThrowIfCancellationRequested();
        return writer.WriteAsync(effects);
    }
}
