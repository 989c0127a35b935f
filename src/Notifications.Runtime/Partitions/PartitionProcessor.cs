using Microsoft.Extensions.Logging;
using Notifications.Domain.Commands;
using Notifications.Domain.Effects;
using Notifications.Domain.Grains;
using Notifications.Domain.State;
using Notifications.Runtime.Storage;

namespace Notifications.Runtime.Partitions;

/// <summary>
/// The owner loop of one partition: pull a batch (critical lane first), run each entry through its grain,
/// commit state + effects + consumption in one fenced transaction, then tell the observers.
/// A crash before the commit replays the batch; after it, nothing is redone.
/// </summary>
internal sealed class PartitionProcessor(int partition, long epoch, PartitionRuntime runtime)
{
    private readonly WakeSignal _signal = new();
    private readonly Dictionary<string, Activation> _activations = new(StringComparer.Ordinal);
    private DateTimeOffset _lastSweep;

    public int Partition { get; } = partition;

    public void Wake() => _signal.Set();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _signal.Set();
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
                while (await ProcessBatchAsync(cancellationToken).ConfigureAwait(false))
                {
                }
                failures = 0;
                SweepIdleActivations();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (LeaseLostException)
            {
                runtime.Logger.LogWarning("Partition {Partition} lost its lease at epoch {Epoch}; its processor stops.", Partition, epoch);
                return;
            }
            catch (Exception exception)
            {
                failures++;
                runtime.Logger.LogError(exception, "Partition {Partition} failed a batch; it will be retried.", Partition);
                var backoff = TimeSpan.FromMilliseconds(Math.Min(5_000, 50 * Math.Pow(2, Math.Min(failures, 10))));
                await Task.Delay(backoff, runtime.Time, cancellationToken).ConfigureAwait(false);
                _signal.Set();
            }
        }
    }

    /// <summary>Processes one batch; true when the batch was full, so more may be waiting.</summary>
    internal async Task<bool> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        var now = runtime.Time.GetUtcNow();
        var entries = await runtime.Store.ReadBatchAsync(Partition, runtime.Options.BatchSize, now, cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            return false;
        }
        await ActivateAsync(entries, now, cancellationToken).ConfigureAwait(false);

        var effects = new GrainEffects();
        var context = new GrainContext(now, runtime.Renderer, runtime.Options.Grain, effects, () => Guid.CreateVersion7(now));
        var touched = new Dictionary<string, UserState>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var activation = _activations[entry.GrainKey];
            activation.LastUsed = now;
            touched[entry.GrainKey] = activation.Grain.State;
            try
            {
                activation.Grain.Handle(entry.Command, context);
            }
            catch (Exception exception)
            {
                // A command a grain cannot handle would fail identically on every replay; consuming it keeps the partition moving.
                runtime.Logger.LogError(exception, "Partition {Partition} dropped entry {Entry} of {GrainKey}: its grain refused it.", Partition, entry.Id, entry.GrainKey);
            }
        }

        var commit = new PartitionCommit(Partition, epoch, entries, touched.Values.ToList(), effects);
        try
        {
            await runtime.Store.CommitAsync(commit, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The in-memory state ran ahead of what is on disk; forget it so the replay starts from the store.
            foreach (var key in touched.Keys)
            {
                _activations.Remove(key);
            }
            throw;
        }

        foreach (var entry in entries)
        {
            if (!entry.IsTimer && entry.Command is not NotifyCommand)
            {
                runtime.Completions.Complete(entry.Id);
            }
        }
        runtime.Observer.OnCommitted(commit);
        return entries.Count >= runtime.Options.BatchSize;
    }

    private async Task ActivateAsync(IReadOnlyList<StreamEntry> entries, DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<string>? missing = null;
        foreach (var entry in entries)
        {
            if (!_activations.ContainsKey(entry.GrainKey) && !(missing ??= []).Contains(entry.GrainKey))
            {
                missing.Add(entry.GrainKey);
            }
        }
        if (missing is null)
        {
            return;
        }
        var states = await runtime.Store.LoadStatesAsync(missing, cancellationToken).ConfigureAwait(false);
        foreach (var key in missing)
        {
            var state = states.TryGetValue(key, out var stored) ? stored : UserState.New(key);
            _activations[key] = new Activation(new UserGrain(state)) { LastUsed = now };
        }
    }

    private void SweepIdleActivations()
    {
        var now = runtime.Time.GetUtcNow();
        var idle = runtime.Options.IdleDeactivation;
        if (now - _lastSweep < idle / 4)
        {
            return;
        }
        _lastSweep = now;
        foreach (var (key, activation) in _activations.Where(a => now - a.Value.LastUsed > idle).ToList())
        {
            _activations.Remove(key);
        }
    }

    internal int ActivationCount => _activations.Count;

    private sealed class Activation(UserGrain grain)
    {
        public UserGrain Grain { get; } = grain;
        public DateTimeOffset LastUsed { get; set; }
    }
}
