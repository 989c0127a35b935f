using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Notifications.Api;
using Notifications.Application;
using Notifications.Domain.Campaigns;
using Notifications.Domain.Directory;
using Notifications.Domain.Rules;
using Notifications.Grains.Hosting;
using Notifications.Grains.Storage;
using Notifications.Grains.Timing;
using Orleans.Runtime;
using Orleans.Streams;

namespace Notifications.Grains.Campaigns;

/// <summary>
/// One campaign. While running, each tick (a grain timer on the injected clock) pages its segment from the directory,
/// up to its rate, and publishes the recipients in chunks on <see cref="CampaignStreams.ProviderName"/>. The state
/// write (cursor, targeted count, chunks in flight) comes before the publish: a crash in between publishes the chunks
/// again after reactivation, and the recipients' grains drop the second copy by its campaign × user idempotency key.
/// A reminder reactivates a scheduled or running campaign after a deactivation or a crash; a starting silo wakes it at
/// once (<see cref="CampaignWakeUp"/>), since the reminder may come round a minute later.
/// </summary>
[GrainType(GrainTypeName)]
internal sealed partial class CampaignGrain(
    [PersistentState("campaign", GrainStorageNames.Campaigns)] IPersistentState<CampaignGrainState> storage,
    SegmentReader segments,
    IUserDirectory directory,
    ICampaignStore campaigns,
    IOptions<SiloOptions> options,
    TimeProvider time,
    ILogger<CampaignGrain> logger) : Grain, ICampaignGrain, IRemindable
{
    public const string GrainTypeName = "campaign";
    private const string Backstop = "campaign";
    private static readonly TimeSpan BackstopPeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan BackstopGrace = TimeSpan.FromSeconds(5);

    private ITimer? _timer;
    private DateTimeOffset _timerDue = DateTimeOffset.MinValue;
    /// <summary>Done reports since the last write: written with the next tick (a lost one only republishes a chunk).</summary>
    private bool _dirty;
    /// <summary>
    /// The rate's window (one tick long) and the recipients published in it. Chunks reported done let the campaign
    /// publish again before the next tick, within what the window has left; memory only, as a new activation starts
    /// with a fresh window.
    /// </summary>
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private long _windowPublished;
    /// <summary>A tick asked for by a done report and not yet run: one is enough however many chunks finish.</summary>
    private bool _topUpQueued;
    /// <summary>This activation registered (or found) the backstop reminder: re-arming the timer need not read it again.</summary>
    private bool _backstopArmed;

    private CampaignGrainState State => storage.State;
    private CampaignOptions Options => options.Value.Campaigns;
    private Guid Id => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Status == CampaignStatus.Running && State.InFlight.Count > 0)
        {
            // The chunks in flight may have died with the silo that held them: send them again (idempotent per recipient).
            State.InFlight = [.. State.InFlight.Select(c => c with { PublishedAt = DateTimeOffset.MinValue })];
        }
        if (State.Status is CampaignStatus.Running or CampaignStatus.Scheduled)
        {
            await ArmAsync(DateTimeOffset.MinValue).ConfigureAwait(true);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        if (_dirty && reason.ReasonCode is not DeactivationReasonCode.ApplicationError)
        {
            try
            {
                await storage.WriteStateAsync(cancellationToken).ConfigureAwait(true);
            }
            catch (Exception exception)
            {
                // Only done reports are lost: their chunks are published again and their recipients' grains drop them.
                LogDoneReportsLost(logger, exception, Id);
            }
        }
    }

    public async Task<CampaignCommandResult> CreateAsync(CampaignDefinition definition)
    {
        if (State.Definition is not null)
        {
            return new CampaignCommandResult(null, $"campaign {Id} exists already.");
        }
        var now = time.GetUtcNow();
        State.Definition = definition;
        State.Status = CampaignStatus.Draft;
        if (definition.Schedule is { } schedule)
        {
            State.Waves = await WavesAsync(definition, schedule, now).ConfigureAwait(true);
            State.Status = CampaignLifecycle.Next(State.Status, CampaignAction.Schedule)!;
        }
        await CommitAsync(now).ConfigureAwait(true);
        if (State.Status == CampaignStatus.Scheduled)
        {
            await ArmAsync(DateTimeOffset.MinValue).ConfigureAwait(true);
        }
        return new CampaignCommandResult(View(), null);
    }

    public Task<CampaignView?> GetAsync() => Task.FromResult(State.Definition is null ? null : View());

    public async Task<CampaignCommandResult> RunAsync(string command)
    {
        if (State.Definition is null)
        {
            return new CampaignCommandResult(null, null);
        }
        var action = command switch
        {
            CampaignCommands.Start => CampaignAction.Start,
            CampaignCommands.Pause => CampaignAction.Pause,
            CampaignCommands.Resume => CampaignAction.Resume,
            CampaignCommands.Cancel => CampaignAction.Cancel,
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "not a campaign command"),
        };
        if (CampaignLifecycle.Next(State.Status, action) is not { } next)
        {
            return new CampaignCommandResult(null, $"a {State.Status} campaign cannot {command}.");
        }
        var now = time.GetUtcNow();
        State.Status = next;
        switch (action)
        {
            case CampaignAction.Start:
                // Now, for everyone: a schedule not yet released is replaced.
                State.Waves = [new CampaignWave(now, null)];
                State.Wave = 0;
                State.Cursor = null;
                State.StartedAt = now;
                break;
            case CampaignAction.Resume:
                // Chunks a consumer held while paused are sent again, narrowed to what it had not finished, within the
                // rate like new ones (the ticks pace them).
                State.InFlight = [.. State.InFlight.Select(c => c with { PublishedAt = DateTimeOffset.MinValue })];
                break;
            case CampaignAction.Cancel:
                State.InFlight.Clear();
                State.FinishedAt = now;
                break;
        }
        await CommitAsync(now).ConfigureAwait(true);
        if (State.Status == CampaignStatus.Running)
        {
            await ArmAsync(DateTimeOffset.MinValue).ConfigureAwait(true);
        }
        else
        {
            await DisarmAsync().ConfigureAwait(true);
        }
        LogTransition(logger, Id, command, State.Status);
        return new CampaignCommandResult(View(), null);
    }

    public Task<CampaignChunkPermit> AdmitAsync(long sequence)
    {
        var decision = State.Status switch
        {
            CampaignStatus.Running when State.InFlight.Any(c => c.Sequence == sequence) => CampaignChunkPermit.Send,
            CampaignStatus.Paused => CampaignChunkPermit.Hold,
            _ => CampaignChunkPermit.Drop,
        };
        return Task.FromResult(new CampaignChunkPermit(decision, decision == CampaignChunkPermit.Send ? State.Definition : null));
    }

    public async Task ChunkDoneAsync(long sequence, IReadOnlyList<string> failedUserIds)
    {
        var index = State.InFlight.FindIndex(c => c.Sequence == sequence);
        if (index < 0)
        {
            return;
        }
        var chunk = State.InFlight[index];
        if (failedUserIds.Count == 0)
        {
            State.InFlight.RemoveAt(index);
        }
        else if (chunk.Attempts < Options.MaxAttempts)
        {
            // Due again a tick from now, not at once: a top-up tick may run straight after this turn, and a grain that
            // just failed would use up its attempts within milliseconds.
            var dueAgain = time.GetUtcNow() + Options.Tick - Options.RedeliverAfter;
            State.InFlight[index] = chunk with { Only = failedUserIds, Attempts = chunk.Attempts + 1, PublishedAt = dueAgain };
        }
        else
        {
            State.InFlight.RemoveAt(index);
            State.Unsent += failedUserIds.Count;
        }
        _dirty = true;
        if (State.Status == CampaignStatus.Running && Finished)
        {
            State.Status = CampaignLifecycle.Next(State.Status, CampaignAction.Complete)!;
            State.FinishedAt = time.GetUtcNow();
            await CommitAsync(State.FinishedAt.Value).ConfigureAwait(true);
            await DisarmAsync().ConfigureAwait(true);
            return;
        }
        RequestTopUp();
    }

    public async Task ChunkStoppedAsync(long sequence, string through, IReadOnlyList<string> failedUserIds)
    {
        var index = State.InFlight.FindIndex(c => c.Sequence == sequence);
        if (index < 0 || State.Definition is not { } definition)
        {
            return;
        }
        var chunk = State.InFlight[index];
        IReadOnlyList<string> rest = chunk.Only is { } only
            ? [.. only.Where(u => string.CompareOrdinal(u, through) > 0)]
            : await segments.RangeAsync(definition.Rule, FilterOf(definition, chunk.Wave), through, chunk.Last, CancellationToken.None).ConfigureAwait(true);
        if (chunk.Past(through, failedUserIds, rest) is { } left)
        {
            // Due again: the next tick of a running campaign publishes the rest; a paused one, the tick after its resume.
            State.InFlight[index] = left with { PublishedAt = DateTimeOffset.MinValue };
        }
        else
        {
            State.InFlight.RemoveAt(index);
        }
        // Written now, not with the next tick: a pause may last longer than the recipients' idempotency marks, and no
        // tick runs while it does. (A stop for time is as rare: one per chunk that ran for Silo:Campaigns:ChunkBudget.)
        await CommitAsync(time.GetUtcNow()).ConfigureAwait(true);
    }

    /// <summary>
    /// Waiting for the next tick with free room in flight and rate left in the window would leave the fan-out idle for
    /// the rest of the tick: once a quarter of the chunks in flight are done, a tick runs as soon as this turn ends.
    /// </summary>
    private void RequestTopUp()
    {
        if (_topUpQueued || State.Status != CampaignStatus.Running || State.Wave >= State.Waves.Count
            || State.InFlight.Count > Options.MaxChunksInFlight - Math.Max(1, Options.MaxChunksInFlight / 4))
        {
            return;
        }
        var now = time.GetUtcNow();
        if (State.Waves[State.Wave].ReleaseAt > now || (WindowOpen(now) && RateLeft() <= 0))
        {
            return;
        }
        _topUpQueued = true;
        this.AsReference<ICampaignGrain>().TickAsync().Ignore();
    }

    private bool WindowOpen(DateTimeOffset now) => now < _windowStart + Options.Tick;

    private long RateLeft(CampaignDefinition? definition = null) =>
        Math.Max(1, (long)Math.Ceiling((definition ?? State.Definition!).RatePerSecond * Options.Tick.TotalSeconds)) - _windowPublished;

    /// <summary>
    /// The backstop brings the grain back (activation arms the timer, which ticks) and restarts a timer that should
    /// have fired and did not (a tick that failed). Otherwise it would only add an extra tick's worth to the rate.
    /// </summary>
    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) =>
        time.GetUtcNow() > _timerDue + Options.Tick ? TickAsync() : Task.CompletedTask;

    public Task WakeAsync() => Task.CompletedTask;

    public async Task TickAsync()
    {
        _topUpQueued = false;
        if (State.Definition is not { } definition || State.Status is not (CampaignStatus.Running or CampaignStatus.Scheduled))
        {
            return;
        }
        var now = time.GetUtcNow();
        if (State.Status == CampaignStatus.Scheduled)
        {
            if (State.Waves.Count > 0 && State.Waves[0].ReleaseAt > now)
            {
                await ArmAsync(State.Waves[0].ReleaseAt).ConfigureAwait(true);
                return;
            }
            State.Status = CampaignLifecycle.Next(State.Status, CampaignAction.Release)!;
            State.StartedAt = now;
            _dirty = true;
        }
        if (!WindowOpen(now))
        {
            _windowStart = now;
            _windowPublished = 0;
        }
        var chunks = new List<CampaignChunk>();
        await RedeliverAsync(definition, now, chunks).ConfigureAwait(true);
        var changed = await PublishNextAsync(definition, now, chunks).ConfigureAwait(true);
        if (Finished)
        {
            State.Status = CampaignLifecycle.Next(State.Status, CampaignAction.Complete)!;
            State.FinishedAt = now;
        }
        if (changed || _dirty || chunks.Count > 0 || CampaignStatus.IsFinal(State.Status))
        {
            await CommitAsync(now).ConfigureAwait(true);
        }
        var stream = this.GetStreamProvider(CampaignStreams.ProviderName);
        foreach (var chunk in chunks)
        {
            await stream.GetStream<CampaignChunk>(CampaignStreams.For(Id, chunk.Sequence)).OnNextAsync(chunk).ConfigureAwait(true);
        }
        if (CampaignStatus.IsFinal(State.Status))
        {
            await DisarmAsync().ConfigureAwait(true);
            return;
        }
        // Between waves with nothing in flight, sleep until the next release; otherwise come back next tick.
        var due = State.InFlight.Count == 0 && State.Wave < State.Waves.Count && State.Waves[State.Wave].ReleaseAt > now
            ? State.Waves[State.Wave].ReleaseAt
            : now + Options.Tick;
        await ArmAsync(due).ConfigureAwait(true);
    }

    private bool Finished => State.Status == CampaignStatus.Running && State.Wave >= State.Waves.Count && State.InFlight.Count == 0;

    /// <summary>
    /// Chunks not reported done within <see cref="CampaignOptions.RedeliverAfter"/> (or due again: resumed, reactivated,
    /// retried) go out again, oldest first, out of the window's rate like new ones: one that does not fit in what the
    /// window has left waits for the next, unless the window has sent nothing yet (a chunk is never split).
    /// </summary>
    private async Task RedeliverAsync(CampaignDefinition definition, DateTimeOffset now, List<CampaignChunk> chunks)
    {
        for (var i = 0; i < State.InFlight.Count; i++)
        {
            var chunk = State.InFlight[i];
            if (chunk.PublishedAt + Options.RedeliverAfter > now && chunk.PublishedAt != DateTimeOffset.MinValue)
            {
                continue;
            }
            if (_windowPublished > 0 && (chunk.Only?.Count ?? chunk.Count) > RateLeft(definition))
            {
                return;
            }
            var users = chunk.Only ?? await segments.RangeAsync(definition.Rule, FilterOf(definition, chunk.Wave), chunk.After, chunk.Last, CancellationToken.None).ConfigureAwait(true);
            State.InFlight[i] = chunk with { PublishedAt = now };
            _windowPublished += users.Count;
            chunks.Add(new CampaignChunk(Id, chunk.Sequence, users));
        }
    }

    /// <summary>This tick's share of the rate, from the cursor on, as new chunks. True when the cursor moved.</summary>
    private async Task<bool> PublishNextAsync(CampaignDefinition definition, DateTimeOffset now, List<CampaignChunk> chunks)
    {
        var budget = (int)Math.Min(int.MaxValue, RateLeft(definition));
        var moved = false;
        while (budget > 0 && State.InFlight.Count < Options.MaxChunksInFlight && State.Wave < State.Waves.Count
               && State.Waves[State.Wave].ReleaseAt <= now)
        {
            var slice = await segments.NextAsync(definition.Rule, FilterOf(definition, State.Wave), State.Cursor, Math.Min(budget, Options.ChunkSize), CancellationToken.None).ConfigureAwait(true);
            if (slice.Members.Count > 0)
            {
                var sequence = State.NextChunk++;
                State.InFlight.Add(new InFlightChunk(sequence, State.Wave, State.Cursor, slice.Members[^1], slice.Members.Count, now, 1));
                State.Targeted += slice.Members.Count;
                _windowPublished += slice.Members.Count;
                budget -= slice.Members.Count;
                chunks.Add(new CampaignChunk(Id, sequence, slice.Members));
            }
            State.Cursor = slice.Cursor;
            if (slice.Exhausted)
            {
                State.Wave++;
                State.Cursor = null;
            }
            moved = true;
        }
        return moved;
    }

    private DirectoryFilter FilterOf(CampaignDefinition definition, int wave) =>
        State.Waves[wave].TimeZones is { } zones ? definition.Rule.Narrowing() with { TimeZones = zones } : definition.Rule.Narrowing();

    /// <summary>
    /// One wave for an instant; for a local time, one per release instant, its zones grouped (users without a zone: UTC).
    /// The zones are every zone the system knows plus those the directory's users have, not only the latter: a user who
    /// signs up, or moves to a zone nobody had, after the campaign was scheduled still gets it at their local time. A
    /// wave no user is in costs one directory page at its release, a few dozen a day.
    /// </summary>
    private async Task<List<CampaignWave>> WavesAsync(CampaignDefinition definition, CampaignSchedule schedule, DateTimeOffset now)
    {
        if (schedule.At is { } at)
        {
            return [new CampaignWave(at, null)];
        }
        var localTime = TimeOnly.ParseExact(schedule.LocalTime!, "HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        IEnumerable<string?> zones = [null, .. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id), .. await directory.TimeZonesAsync(CancellationToken.None).ConfigureAwait(true)];
        zones = zones.Distinct();
        if (definition.Rule.TimeZones.Count > 0)
        {
            zones = zones.Where(z => z is not null && definition.Rule.TimeZones.Contains(z, StringComparer.Ordinal));
        }
        return [.. zones
            .GroupBy(z => LocalTimeRelease.Next(localTime, TimeZones.ForUser(z), now))
            .OrderBy(g => g.Key)
            .Select(g => new CampaignWave(g.Key, [.. g.OrderBy(z => z, StringComparer.Ordinal)]))];
    }

    private async Task CommitAsync(DateTimeOffset now)
    {
        try
        {
            await storage.WriteStateAsync().ConfigureAwait(true);
        }
        catch (Exception exception)
        {
            // Memory ran ahead of storage, or another activation owns the campaign now: start again from what is stored.
            LogCommitFailed(logger, exception, Id);
            _dirty = false;
            DeactivateOnIdle();
            throw;
        }
        _dirty = false;
        var definition = State.Definition!;
        await campaigns.UpsertAsync(new CampaignRow(Id, definition.Name, State.Status, definition.CreatedAt, now), CancellationToken.None).ConfigureAwait(true);
    }

    /// <summary>
    /// The next tick at <paramref name="due"/>. A timer counts from when it is made, so a clock that moved on while this
    /// turn ran (or while the timer was made) would make it late by as much; if the clock is already past the instant
    /// once the timer exists, the tick runs at once.
    /// </summary>
    private async Task ArmAsync(DateTimeOffset due)
    {
        _timer?.Dispose();
        var self = this.AsReference<ICampaignGrain>();
        _timer = time.CreateTimerAt(() => self.TickAsync().Ignore(), due);
        var now = time.GetUtcNow();
        var wait = due > now ? due - now : TimeSpan.Zero;
        _timerDue = now + wait;
        if (wait > BackstopPeriod || (!_backstopArmed && await this.GetReminder(Backstop).ConfigureAwait(true) is null))
        {
            await this.RegisterOrUpdateReminder(Backstop, (wait > BackstopPeriod ? wait : BackstopPeriod) + BackstopGrace, BackstopPeriod).ConfigureAwait(true);
        }
        _backstopArmed = wait <= BackstopPeriod;
    }

    private async Task DisarmAsync()
    {
        _timer?.Dispose();
        _timer = null;
        _backstopArmed = false;
        if (await this.GetReminder(Backstop).ConfigureAwait(true) is { } reminder)
        {
            await this.UnregisterReminder(reminder).ConfigureAwait(true);
        }
    }

    /// <summary>What this grain knows; <see cref="Application.CampaignFunnels"/> adds the funnel counted from the records.</summary>
    private CampaignView View()
    {
        var definition = State.Definition!;
        return new CampaignView
        {
            Id = Id,
            Name = definition.Name,
            Status = State.Status,
            Segment = definition.Segment,
            Type = definition.Send.Type,
            Content = definition.Send.Content,
            Category = definition.Send.Category,
            Channels = definition.Send.Channels,
            Priority = definition.Send.Priority ?? Priority.Bulk,
            RatePerSecond = definition.RatePerSecond,
            Schedule = definition.Schedule,
            CreatedAt = definition.CreatedAt,
            StartedAt = State.StartedAt,
            FinishedAt = State.FinishedAt,
            LastReleaseAt = definition.Schedule?.LocalTime is not null && State.Waves.Count > 0 ? State.Waves[^1].ReleaseAt : null,
            Progress = new CampaignProgress(State.Targeted, 0, 0, 0, 0, 0, 0, 0, State.Unsent),
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Campaign {CampaignId}: its state could not be written; the activation is dropped and the next one continues from the stored cursor.")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, Guid campaignId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId}: chunk done reports could not be written on deactivation; those chunks are published again.")]
    private static partial void LogDoneReportsLost(ILogger logger, Exception exception, Guid campaignId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId}: {Command} → {Status}.")]
    private static partial void LogTransition(ILogger logger, Guid campaignId, string command, string status);
}
