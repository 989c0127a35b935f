using System.Collections.Concurrent;
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
/// <remarks>
/// A processor starts by reading its stream from the store (recovery). When the store hands appends over in
/// order (<see cref="ICommandLog.HandsOffAppends"/>) and the stream is drained, it switches to taking them from
/// memory, which saves reading back and decoding every command; any failure sends it back to the store.
/// </remarks>
internal sealed class PartitionProcessor(int partition, long epoch, PartitionRuntime runtime)
{
    private static readonly int Lanes = Enum.GetValues<Priority>().Length;
    private readonly WakeSignal _signal = new();
    private readonly Dictionary<string, Activation> _activations = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<StreamEntry>[] _handedOff = Enumerable.Range(0, Lanes).Select(_ => new ConcurrentQueue<StreamEntry>()).ToArray();
    private readonly long[] _consumedUpTo = new long[Lanes];
    private bool _recovering = true;
    private volatile bool _timersDue = true;
    private DateTimeOffset _lastSweep;

    public int Partition { get; } = partition;

    public void Wake() => _signal.Set();

    /// <summary>A timer of this partition may be due.</summary>
    public void WakeForTimers()
    {
        _timersDue = true;
        _signal.Set();
    }

    /// <summary>A command appended to this partition, handed over in stream order right after its commit.</summary>
    public void Accept(StreamEntry entry)
    {
        _handedOff[(int)entry.Lane].Enqueue(entry);
        _signal.Set();
    }

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
                await SweepIdleActivationsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (LeaseLostException)
            {
                runtime.Logger.LogWarning("Partition {Partition} lost its lease at epoch {Epoch}; its processor stops.", Partition, epoch);
                return;
            }
            catch (Exception exception)
            {
                // Entries already taken from memory are still in the store: read the stream back from there.
                _recovering = true;
                failures++;
                runtime.Logger.LogError(exception, "Partition {Partition} failed a batch; it will be retried.", Partition);
                var backoff = TimeSpan.FromMilliseconds(Math.Min(5_000, 50 * Math.Pow(2, Math.Min(failures, 10))));
                try
                {
                    await Task.Delay(backoff, runtime.Time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                _signal.Set();
            }
        }
        await WriteSoftStateOnStopAsync().ConfigureAwait(false);
    }

    /// <summary>Processes one batch; true when the batch was full, so more may be waiting.</summary>
    internal async Task<bool> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        var now = runtime.Time.GetUtcNow();
        var maxEntries = runtime.Options.BatchSize;
        var fromMemory = !_recovering && runtime.Log.HandsOffAppends;
        var entries = fromMemory
            ? await TakeHandedOffAsync(maxEntries, now, cancellationToken).ConfigureAwait(false)
            : await runtime.Store.ReadBatchAsync(Partition, maxEntries, now, cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            if (!fromMemory && runtime.Log.HandsOffAppends)
            {
                _recovering = false;
                _signal.Set(); // whatever was handed over meanwhile is waiting in memory
            }
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
            try
            {
                if (activation.Grain.Handle(entry.Command, context))
                {
                    touched[entry.GrainKey] = activation.Grain.State;
                }
                else
                {
                    activation.SoftDirty = true;
                }
            }
            catch (Exception exception)
            {
                touched[entry.GrainKey] = activation.Grain.State;
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
            // The in-memory state ran ahead of what is on disk; forget it so the replay starts from the store,
            // and so does the stream: the entries taken from memory are still in the store.
            foreach (var entry in entries)
            {
                _activations.Remove(entry.GrainKey);
            }
            _recovering = true;
            throw;
        }

        foreach (var key in touched.Keys)
        {
            _activations[key].SoftDirty = false;
        }
        var commandsRead = 0;
        foreach (var entry in entries)
        {
            if (!entry.IsTimer)
            {
                commandsRead++;
                _consumedUpTo[(int)entry.Lane] = Math.Max(_consumedUpTo[(int)entry.Lane], entry.Id);
            }
        }
        if (!fromMemory && commandsRead < maxEntries && runtime.Log.HandsOffAppends)
        {
            _recovering = false;
        }
        foreach (var entry in entries)
        {
            if (!entry.IsTimer && entry.Command is not NotifyCommand)
            {
                runtime.Completions.Complete(entry.Id);
            }
        }
        runtime.Observer.OnCommitted(commit);
        return entries.Count >= maxEntries || (fromMemory && (_timersDue || _handedOff.Any(q => !q.IsEmpty)));
    }

    /// <summary>The handed-over commands, critical lane first, each lane a prefix in stream order; then due timers if any.</summary>
    private async Task<IReadOnlyList<StreamEntry>> TakeHandedOffAsync(int maxEntries, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entries = new List<StreamEntry>();
        for (var lane = 0; lane < Lanes && entries.Count < maxEntries; lane++)
        {
            var queue = _handedOff[lane];
            while (entries.Count < maxEntries && queue.TryDequeue(out var entry))
            {
                // Recovery already processed what it read from the store; its copy in memory is skipped.
                if (entry.Id > _consumedUpTo[lane])
                {
                    entries.Add(entry);
                }
            }
        }
        if (_timersDue && entries.Count < maxEntries)
        {
            _timersDue = false;
            var timers = await runtime.Store.ReadDueTimersAsync(Partition, maxEntries - entries.Count, now, cancellationToken).ConfigureAwait(false);
            if (timers.Count == maxEntries - entries.Count)
            {
                _timersDue = true;
            }
            if (timers.Count > 0)
            {
                entries.AddRange(timers);
                return entries.OrderBy(e => e.Lane).ToList();
            }
        }
        return entries;
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

    /// <summary>
    /// Drops grains idle for <see cref="Hosting.SiloOptions.IdleDeactivation"/>. A grain whose soft state (its
    /// rate-limit bucket) changed since it was last written is written first, so only a crash can lose that.
    /// </summary>
    private async Task SweepIdleActivationsAsync(CancellationToken cancellationToken)
    {
        var now = runtime.Time.GetUtcNow();
        var idle = runtime.Options.IdleDeactivation;
        if (now - _lastSweep < idle / 4)
        {
            return;
        }
        _lastSweep = now;
        var leaving = _activations.Where(a => now - a.Value.LastUsed > idle).ToList();
        await WriteSoftStateAsync(leaving.Select(a => a.Value), cancellationToken).ConfigureAwait(false);
        foreach (var (key, _) in leaving)
        {
            _activations.Remove(key);
        }
    }

    private async Task WriteSoftStateAsync(IEnumerable<Activation> activations, CancellationToken cancellationToken)
    {
        var dirty = activations.Where(a => a.SoftDirty).ToList();
        if (dirty.Count == 0)
        {
            return;
        }
        await runtime.Store.CommitAsync(new PartitionCommit(Partition, epoch, [], dirty.Select(a => a.Grain.State).ToList(), new GrainEffects()), cancellationToken).ConfigureAwait(false);
        foreach (var activation in dirty)
        {
            activation.SoftDirty = false;
        }
    }

    /// <summary>On a clean stop nothing soft is lost either.</summary>
    private async Task WriteSoftStateOnStopAsync()
    {
        try
        {
            await WriteSoftStateAsync(_activations.Values, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            runtime.Logger.LogWarning(exception, "Partition {Partition} could not write its grains' soft state while stopping.", Partition);
        }
    }

    internal int ActivationCount => _activations.Count;

    private sealed class Activation(UserGrain grain)
    {
        public UserGrain Grain { get; } = grain;
        public DateTimeOffset LastUsed { get; set; }
        /// <summary>Soft state changed since the state was last written.</summary>
        public bool SoftDirty { get; set; }
    }
}
