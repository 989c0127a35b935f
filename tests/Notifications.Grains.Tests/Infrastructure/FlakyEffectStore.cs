using Notifications.Grains.Storage;
using Notifications.Grains.Users;

namespace Notifications.Grains.Tests.Infrastructure;

/// <summary>
/// The silo's real record store, except that a write armed by <see cref="StoreFaults"/> throws before it reaches
/// the database. The exception is a framework type on purpose: our own namespaces travel between silos as JSON.
/// </summary>
internal sealed class FlakyEffectStore(IEffectStore inner, StoreFaults faults) : IEffectStore
{
    public Task ApplyAsync(PendingEffects effects, CancellationToken cancellationToken) =>
        faults.TripApply(effects)
            ? throw new IOException($"Injected: the record write of turn {effects.Turn} failed.")
            : inner.ApplyAsync(effects, cancellationToken);
}
