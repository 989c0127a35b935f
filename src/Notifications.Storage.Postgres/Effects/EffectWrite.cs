using Notifications.Grains.Users;

namespace Notifications.Storage.Postgres.Effects;

/// <summary>One turn's effects waiting for the next effect batch, and its caller waiting for that batch to commit.</summary>
internal sealed class EffectWrite(PendingEffects effects)
{
    public PendingEffects Effects { get; } = effects;

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
