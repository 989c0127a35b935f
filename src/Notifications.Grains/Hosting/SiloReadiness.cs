using Notifications.Application;

namespace Notifications.Grains.Hosting;

/// <summary>Ready once the Orleans silo is active: storage migrated, templates loaded, grains callable.</summary>
internal sealed class SiloReadiness : ISiloReadiness, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompleted;

    public Task WaitAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloReadiness), ServiceLifecycleStage.Active, _ =>
        {
            _ready.TrySetResult();
            return Task.CompletedTask;
        });
}
