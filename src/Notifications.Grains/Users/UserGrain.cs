using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Notifications.Api;
using Notifications.Domain.Commands;
using Notifications.Domain.Effects;
using Notifications.Domain.State;
using Notifications.Domain.Users;
using Notifications.Grains.Delivery;
using Notifications.Grains.Hosting;
using Notifications.Grains.Operations;
using Notifications.Grains.Realtime;
using Notifications.Grains.Storage;
using Notifications.Grains.Timing;
using Notifications.Grains.WhatsApp;
using Notifications.Model;
using Notifications.Telemetry;
using Orleans.Placement;
using Orleans.Utilities;

namespace Notifications.Grains.Users;

/// <summary>
/// The Orleans adapter of <see cref="UserRules"/>: one call is one turn. A turn that changed durable state
/// commits by writing the state together with its effects (fenced by the state's ETag), then applies the effects
/// to the record store; a turn that changed only soft state (the rate-limit bucket) commits by writing its effects
/// alone. Either write is the acknowledgement. Timers live in the state, fire from a clock timer while the grain is
/// active and from an Orleans reminder otherwise.
/// </summary>
[GrainType(GrainTypeName)]
[PreferLocalPlacement]
internal sealed partial class UserGrain(
    [PersistentState("user", GrainStorageNames.Users)] IPersistentState<UserGrainState> storage,
    IEffectStore records,
    IInboxStore inbox,
    IContentRenderer renderer,
    DeliveryWakeUps wakeUps,
    WhatsAppNumbers whatsAppNumbers,
    NotificationMetrics metrics,
    SiloActivity activity,
    IOptions<SiloOptions> options,
    TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain, IRemindable
{
    /// <summary>Part of every stored grain id ("user/{id}"): fixed, so renaming the class cannot orphan stored state.</summary>
    public const string GrainTypeName = "user";
    private const string TimersReminder = "timers";
    private static readonly TimeSpan ObserverLifetime = TimeSpan.FromMinutes(2);
    /// <summary>The reminder is a backstop: the clock timer fires first while the grain is active.</summary>
    private static readonly TimeSpan ReminderGrace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MinimumReminderPeriod = TimeSpan.FromMinutes(1);

    private UserRules _rules = null!;
    private ObserverManager<IUserObserver>? _observers;
    private ITimer? _timer;
    private DateTimeOffset? _reminderDue;
    /// <summary>The rate-limit bucket changed since the state was last written.</summary>
    private bool _softDirty;
    /// <summary>A turn failed with memory ahead of storage: this activation goes, and writes nothing more.</summary>
    private bool _discarded;

    private string UserId => this.GetPrimaryKeyString();

    private UserGrainState State => storage.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        State.User ??= UserState.New(UserId);
        _rules = new UserRules(State.User);
        await ApplyPendingAsync().ConfigureAwait(true);
        if (State.Timers.Count > 0)
        {
            if (await this.GetReminder(TimersReminder).ConfigureAwait(true) is not null)
            {
                _reminderDue = DateTimeOffset.MinValue;
            }
            await ScheduleTimersAsync().ConfigureAwait(true);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        if (_softDirty && !_discarded && reason.ReasonCode is not DeactivationReasonCode.ApplicationError)
        {
            try
            {
                await storage.WriteStateAsync(cancellationToken).ConfigureAwait(true);
            }
            catch (Exception exception)
            {
                LogSoftStateLost(logger, exception, UserId);
            }
        }
    }

    public async Task<SendNotificationResponse> NotifyAsync(NotifyCommand command)
    {
        var now = time.GetUtcNow();
        if (_rules.DuplicateOf(command, now) is { } first)
        {
            metrics.Suppressed(SuppressionReasons.Duplicate);
            return new SendNotificationResponse(first, "duplicate");
        }
        await RunAsync(command, command.Priority, now).ConfigureAwait(true);
        metrics.Accepted(command.Priority);
        activity.Accepted(command.Priority);
        return new SendNotificationResponse(command.NotificationId, "accepted");
    }

    public Task<UserView?> GetAsync() => Task.FromResult(State.User!.Registered ? ViewOf(State.User) : null);

    public async Task<UserView> UpsertProfileAsync(UserProfile profile)
    {
        var previous = State.User!.Profile.WhatsApp;
        await RunAsync(new UpsertProfileCommand { UserId = UserId, Profile = profile }, Priority.High).ConfigureAwait(true);
        await IndexWhatsAppNumberAsync(previous, profile.WhatsApp).ConfigureAwait(true);
        return ViewOf(State.User!);
    }

    public async Task<UserView> ImportAsync(UserProfile profile, IReadOnlyList<Device> devices)
    {
        var previous = State.User!.Profile.WhatsApp;
        // The bulk lane: an import of thousands of users is written after every send that waits.
        await RunAsync(new ImportUserCommand { UserId = UserId, Profile = profile, Devices = devices }, Priority.Bulk).ConfigureAwait(true);
        await IndexWhatsAppNumberAsync(previous, profile.WhatsApp).ConfigureAwait(true);
        return ViewOf(State.User!);
    }

    public Task RecordWhatsAppInboundAsync(string number, string? body) =>
        RunAsync(new WhatsAppInboundCommand { UserId = UserId, Number = number, Body = body }, Priority.High);

    /// <summary>
    /// After the commit: a crash in between leaves the index behind the profile, which the next profile write
    /// repairs (linking is idempotent), and a stale link only sends an inbound message to a grain that ignores it.
    /// </summary>
    private async Task IndexWhatsAppNumberAsync(string? previous, string? current)
    {
        if (previous is not null && previous != current)
        {
            await whatsAppNumbers.Get(previous).UnlinkAsync(UserId).ConfigureAwait(true);
        }
        if (current is not null)
        {
            await whatsAppNumbers.Get(current).LinkAsync(UserId).ConfigureAwait(true);
        }
    }

    public async Task<NotificationPreferences?> UpdatePreferencesAsync(NotificationPreferences preferences)
    {
        if (!State.User!.Registered)
        {
            return null;
        }
        await RunAsync(new UpdatePreferencesCommand { UserId = UserId, Preferences = preferences }, Priority.High).ConfigureAwait(true);
        return State.User.Preferences;
    }

    public async Task<bool> SetChannelPreferenceAsync(string category, ChannelKind channel, bool enabled)
    {
        if (!State.User!.Registered)
        {
            return false;
        }
        await RunAsync(new SetChannelPreferenceCommand { UserId = UserId, Category = category, Channel = channel, Enabled = enabled }, Priority.High).ConfigureAwait(true);
        return true;
    }

    public async Task<Device?> RegisterDeviceAsync(Device device)
    {
        if (!State.User!.Registered)
        {
            return null;
        }
        await RunAsync(new RegisterDeviceCommand { UserId = UserId, Device = device }, Priority.High).ConfigureAwait(true);
        return device;
    }

    public async Task<bool> RemoveDeviceAsync(string deviceId)
    {
        if (!State.User!.Registered || State.User.Devices.All(d => d.Id != deviceId))
        {
            return false;
        }
        await RunAsync(new RemoveDeviceCommand { UserId = UserId, DeviceId = deviceId }, Priority.High).ConfigureAwait(true);
        return true;
    }

    public async Task RemoveDeadAddressAsync(string address, string? reason)
    {
        if (State.User!.Devices.Any(d => d.Address == address))
        {
            await RunAsync(new RemoveDeviceCommand { UserId = UserId, Address = address, Reason = reason }, Priority.High).ConfigureAwait(true);
        }
    }

    public async Task<EmailAddressStatus?> RecordEmailBounceAsync(long deliveryId, string address, string status, int disableAfter)
    {
        if (State.User!.Registered)
        {
            await RunAsync(new RecordEmailBounceCommand { UserId = UserId, DeliveryId = deliveryId, Address = address, Status = status, DisableAfter = disableAfter }, Priority.High).ConfigureAwait(true);
        }
        return EmailStatusOf(State.User);
    }

    public Task FallBackToEmailAsync(PushFallbackCommand command) => RunAsync(command, command.Priority);

    public Task<bool> SetReadAsync(Guid notificationId, bool read) => UpdateInboxItemAsync(notificationId, new InboxItemChange(Read: read));

    public async Task<int> MarkAllReadAsync()
    {
        await ApplyPendingAsync().ConfigureAwait(true);
        var updated = await inbox.MarkAllReadAsync(UserId, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(true);
        await AnnounceCountsAsync().ConfigureAwait(true);
        return updated;
    }

    public async Task<bool> UpdateInboxItemAsync(Guid notificationId, InboxItemChange change)
    {
        // Items of a turn whose records are still pending exist for the user: write them first.
        await ApplyPendingAsync().ConfigureAwait(true);
        var now = time.GetUtcNow();
        if (change.Snooze)
        {
            if (await inbox.GetAsync(UserId, notificationId, CancellationToken.None).ConfigureAwait(true) is null)
            {
                return false;
            }
            // The timer is committed before the row says "snoozed": a row snoozed without its timer would never come
            // back live, while a timer whose row write failed finds the row not snoozed and announces nothing.
            State.Timers.RemoveAll(t => t.Command is UnsnoozeCommand u && u.NotificationId == notificationId);
            if (change.SnoozedUntil is { } until)
            {
                var command = new UnsnoozeCommand { UserId = UserId, NotificationId = notificationId, Until = until };
                State.Timers.Add(new DurableTimer(Guid.CreateVersion7(now), until, command, Priority.Normal));
            }
            await WriteStateAsync().ConfigureAwait(true);
            _softDirty = false;
            await ScheduleTimersAsync().ConfigureAwait(true);
        }
        if (!await inbox.UpdateAsync(UserId, notificationId, change, now, CancellationToken.None).ConfigureAwait(true))
        {
            return false;
        }
        await AnnounceUpdatedAsync(notificationId).ConfigureAwait(true);
        return true;
    }

    public async Task<int> MarkSeenAsync()
    {
        await ApplyPendingAsync().ConfigureAwait(true);
        var updated = await inbox.MarkSeenAsync(UserId, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(true);
        if (updated > 0)
        {
            await AnnounceCountsAsync().ConfigureAwait(true);
        }
        return updated;
    }

    public async Task<int> BulkUpdateInboxAsync(InboxBulkAction action, InboxQuery query)
    {
        await ApplyPendingAsync().ConfigureAwait(true);
        var updated = await inbox.BulkAsync(UserId, action, query, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(true);
        if (updated > 0)
        {
            // One count event, not an "updated" per item: a bulk change may touch the whole inbox.
            await AnnounceCountsAsync().ConfigureAwait(true);
        }
        return updated;
    }

    public async Task<InboxActionResult?> RunInboxActionAsync(Guid notificationId, string actionId)
    {
        await ApplyPendingAsync().ConfigureAwait(true);
        var item = await inbox.GetAsync(UserId, notificationId, CancellationToken.None).ConfigureAwait(true);
        if (item?.Actions.FirstOrDefault(a => a.Id == actionId) is not { } action)
        {
            return null;
        }
        await inbox.RecordActionAsync(UserId, notificationId, actionId, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(true);
        return new InboxActionResult(action.Url);
    }

    public async Task<InboxCounts> SubscribeAsync(IUserObserver observer)
    {
        Observers.Subscribe(observer, observer);
        return await inbox.CountsAsync(UserId, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(true);
    }

    public Task UnsubscribeAsync(IUserObserver observer)
    {
        _observers?.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task RunDueTimersAsync() => FireDueTimersAsync();

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == TimersReminder ? FireDueTimersAsync() : Task.CompletedTask;

    private ObserverManager<IUserObserver> Observers => _observers ??= new ObserverManager<IUserObserver>(ObserverLifetime, logger);

    /// <summary>Runs one command through the rules and commits it (see the class remarks).</summary>
    private async Task RunAsync(UserCommand command, Priority lane, DateTimeOffset? at = null)
    {
        await ApplyPendingAsync().ConfigureAwait(true);
        var now = at ?? time.GetUtcNow();
        var effects = new TurnEffects();
        var context = new TurnContext(now, renderer, options.Value.Grain, effects, () => Guid.CreateVersion7(now));
        bool durable;
        try
        {
            durable = _rules.Handle(command, context);
        }
        catch
        {
            // The rules may have changed the state half-way: start again from what is stored.
            Discard();
            throw;
        }
        await CommitAsync(effects, durable, lane, now).ConfigureAwait(true);
    }

    private async Task CommitAsync(TurnEffects effects, bool durable, Priority lane, DateTimeOffset now)
    {
        WriteLane.Set(lane);
        var pending = PendingEffects.From(State.LastTurn + 1, lane, effects);
        foreach (var timer in effects.Timers)
        {
            State.Timers.Add(new DurableTimer(Guid.CreateVersion7(now), timer.DueAt, timer.Command, timer.Lane));
            durable = true;
        }
        if (durable)
        {
            if (!pending.IsEmpty)
            {
                State.LastTurn = pending.Turn;
                State.Pending.Add(pending);
            }
            await WriteStateAsync().ConfigureAwait(true);
            _softDirty = false;
            Count(pending);
            var applied = pending.IsEmpty || await TryApplyAsync(pending).ConfigureAwait(true);
            if (effects.Timers.Count > 0)
            {
                await ScheduleTimersAsync().ConfigureAwait(true);
            }
            if (!applied)
            {
                // Announced by ApplyPendingAsync once its records are written: not before they exist, and not twice.
                return;
            }
        }
        else
        {
            if (!pending.IsEmpty)
            {
                await records.ApplyAsync(pending, CancellationToken.None).ConfigureAwait(true);
                Count(pending);
            }
            _softDirty = true;
        }
        await AnnounceAsync(pending).ConfigureAwait(true);
    }

    /// <summary>Counted once the turn is committed, so a turn that failed and runs again is not counted twice.</summary>
    private void Count(PendingEffects committed)
    {
        foreach (var record in committed.Notifications)
        {
            activity.Processed(record.Priority, record.Status);
            metrics.Processed(record.Status);
            if (record.Status == NotificationStatus.Suppressed)
            {
                metrics.Suppressed(record.Reason ?? SuppressionReasons.NoTarget);
            }
            else if (record.Status == NotificationStatus.Digested)
            {
                metrics.Digested();
            }
        }
    }

    private async Task WriteStateAsync()
    {
        try
        {
            await storage.WriteStateAsync().ConfigureAwait(true);
        }
        catch (Exception exception)
        {
            // Memory ran ahead of storage (or another activation owns this user now): drop this activation so the
            // next call starts from what is stored. Nothing of this turn was acknowledged.
            LogCommitFailed(logger, exception, UserId);
            Discard();
            throw;
        }
    }

    /// <summary>
    /// Drops this activation without writing its memory: the soft-state write on deactivation would otherwise commit
    /// the very turn whose caller was just told it failed.
    /// </summary>
    private void Discard()
    {
        _discarded = true;
        DeactivateOnIdle();
    }

    /// <summary>Effects committed with the state but not yet known to be in the record store (a crash, a failed write).</summary>
    private async Task ApplyPendingAsync()
    {
        foreach (var pending in State.Pending.ToList())
        {
            await records.ApplyAsync(pending, CancellationToken.None).ConfigureAwait(true);
            State.Pending.Remove(pending);
            await AnnounceAsync(pending).ConfigureAwait(true);
        }
    }

    /// <summary>
    /// The turn is committed either way: a failure here leaves the effects pending for the next turn or activation.
    /// False when they are still pending.
    /// </summary>
    private async Task<bool> TryApplyAsync(PendingEffects pending)
    {
        try
        {
            await records.ApplyAsync(pending, CancellationToken.None).ConfigureAwait(true);
            // Cleared in memory only: the next state write drops them from storage, and replaying them is harmless.
            State.Pending.Remove(pending);
            return true;
        }
        catch (Exception exception)
        {
            LogEffectsDeferred(logger, exception, UserId, pending.Turn);
            return false;
        }
    }

    private async Task AnnounceAsync(PendingEffects applied)
    {
        foreach (var job in applied.Deliveries)
        {
            if (job.Status == Notifications.Delivery.DeliveryStatus.Queued)
            {
                wakeUps.Wake(job.Channel, job.Lane);
            }
        }
        if (applied.Inbox.Count == 0 || _observers is not { Count: > 0 } observers)
        {
            return;
        }
        var counts = await inbox.CountsAsync(UserId, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(true);
        foreach (var entry in applied.Inbox)
        {
            await NotifyObserversAsync(observers, Event(RealtimeKinds.Notification, InboxItems.From(entry), counts)).ConfigureAwait(true);
        }
    }

    private async Task AnnounceCountsAsync()
    {
        if (_observers is { Count: > 0 } observers)
        {
            var counts = await inbox.CountsAsync(UserId, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(true);
            await NotifyObserversAsync(observers, Event(RealtimeKinds.Unread, null, counts)).ConfigureAwait(true);
        }
    }

    /// <summary>The item as it is now, then the counts: "updated" carries them too, "unread" keeps older clients' badges right.</summary>
    private async Task AnnounceUpdatedAsync(Guid notificationId)
    {
        if (_observers is not { Count: > 0 } observers)
        {
            return;
        }
        var counts = await inbox.CountsAsync(UserId, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(true);
        if (await inbox.GetAsync(UserId, notificationId, CancellationToken.None).ConfigureAwait(true) is { } item)
        {
            await NotifyObserversAsync(observers, Event(RealtimeKinds.Updated, item, counts)).ConfigureAwait(true);
        }
        await NotifyObserversAsync(observers, Event(RealtimeKinds.Unread, null, counts)).ConfigureAwait(true);
    }

    /// <summary>A snooze ended: the item is new to the active feed again, so it comes as a "notification".</summary>
    private async Task AnnounceReturnedAsync(Guid notificationId, DateTimeOffset now)
    {
        if (_observers is not { Count: > 0 } observers
            || await inbox.GetAsync(UserId, notificationId, CancellationToken.None).ConfigureAwait(true) is not { } item
            || item.ArchivedAt is not null || item.SnoozedUntil > now)
        {
            return;
        }
        var counts = await inbox.CountsAsync(UserId, now, CancellationToken.None).ConfigureAwait(true);
        await NotifyObserversAsync(observers, Event(RealtimeKinds.Notification, item, counts)).ConfigureAwait(true);
    }

    private static RealtimeEvent Event(string kind, InboxItem? item, InboxCounts counts) =>
        new(kind, item, counts.Unread) { UnseenCount = counts.Unseen };

    private Task NotifyObserversAsync(ObserverManager<IUserObserver> observers, RealtimeEvent realtimeEvent) =>
        observers.Notify(o => o.OnEventAsync(UserId, realtimeEvent));

    /// <summary>Every due timer runs as its own turn; each turn's write removes its timer, so none runs twice.</summary>
    private async Task FireDueTimersAsync()
    {
        while (true)
        {
            var now = time.GetUtcNow();
            var due = State.Timers.Where(t => t.DueAt <= now).OrderBy(t => t.DueAt).FirstOrDefault();
            if (due is null)
            {
                break;
            }
            await ApplyPendingAsync().ConfigureAwait(true);
            State.Timers.Remove(due);
            if (due.Command is UnsnoozeCommand unsnooze)
            {
                await EndSnoozeAsync(unsnooze, due.Lane, now).ConfigureAwait(true);
                continue;
            }
            var effects = new TurnEffects();
            var context = new TurnContext(now, renderer, options.Value.Grain, effects, () => Guid.CreateVersion7(now));
            try
            {
                _rules.Handle(due.Command, context);
            }
            catch (Exception exception)
            {
                // A timer its rules refuse would fail the same way every time: it is dropped, and that is said.
                LogTimerRefused(logger, exception, UserId, due.Id);
                effects = new TurnEffects();
            }
            await CommitAsync(effects, durable: true, due.Lane, now).ConfigureAwait(true);
        }
        await ScheduleTimersAsync().ConfigureAwait(true);
    }

    /// <summary>
    /// The row is cleared first (only if it is still this snooze), then the state write removes the timer: a crash
    /// in between runs the timer again, which finds the row cleared and still announces, once, after the write.
    /// </summary>
    private async Task EndSnoozeAsync(UnsnoozeCommand unsnooze, Priority lane, DateTimeOffset now)
    {
        await inbox.EndSnoozeAsync(UserId, unsnooze.NotificationId, unsnooze.Until, CancellationToken.None).ConfigureAwait(true);
        await CommitAsync(new TurnEffects(), durable: true, lane, now).ConfigureAwait(true);
        await AnnounceReturnedAsync(unsnooze.NotificationId, now).ConfigureAwait(true);
    }

    private async Task ScheduleTimersAsync()
    {
        _timer?.Dispose();
        _timer = null;
        if (State.Timers.Count == 0)
        {
            if (_reminderDue is not null)
            {
                try
                {
                    if (await this.GetReminder(TimersReminder).ConfigureAwait(true) is { } reminder)
                    {
                        await this.UnregisterReminder(reminder).ConfigureAwait(true);
                    }
                    _reminderDue = null;
                }
                catch (Exception exception)
                {
                    // A reminder left behind only finds no timer due when it ticks; it is removed on a later try.
                    LogReminderDeferred(logger, exception, UserId);
                }
            }
            return;
        }
        var next = State.Timers.Min(t => t.DueAt);
        var self = this.AsReference<IUserGrain>();
        _timer = time.CreateTimerAt(() => self.RunDueTimersAsync().Ignore(), next);
        var wait = next - time.GetUtcNow();
        if (wait < TimeSpan.Zero)
        {
            wait = TimeSpan.Zero;
        }
        // Re-registered when it would tick too late for the next timer, or has ticked already (its period is only a guess).
        if (_reminderDue is not { } reminderDue || reminderDue > next + ReminderGrace || reminderDue <= time.GetUtcNow())
        {
            var period = wait > MinimumReminderPeriod ? wait : MinimumReminderPeriod;
            try
            {
                await this.RegisterOrUpdateReminder(TimersReminder, wait + ReminderGrace, period).ConfigureAwait(true);
                _reminderDue = next + ReminderGrace;
            }
            catch (Exception exception)
            {
                // The timers are committed in the state and the in-memory timer fires them while this activation lives;
                // the reminder is only the backstop for a lost activation. Its store failing must not turn an
                // acknowledged turn into an error: the registration is tried again when that timer fires.
                LogReminderDeferred(logger, exception, UserId);
                _reminderDue = null;
            }
        }
    }

    private static UserView ViewOf(UserState user) => new(user.UserId, user.Profile, [.. user.Devices], user.Preferences) { WhatsApp = user.WhatsApp, EmailStatus = EmailStatusOf(user) };

    private static EmailAddressStatus? EmailStatusOf(UserState user) => user.EmailBounces is { } b
        ? new EmailAddressStatus(b.Address, b.DisabledAt is not null, b.HardBounces, b.LastStatus, b.LastBounceAt, b.DisabledAt)
        : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId}: the reminder backing its timers could not be updated; the timers fire from this activation and the update is tried again then.")]
    private static partial void LogReminderDeferred(ILogger logger, Exception exception, string userId);

    [LoggerMessage(Level = LogLevel.Error, Message = "User {UserId}: a turn could not be committed; the activation is dropped and nothing of the turn was acknowledged.")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId}: turn {Turn} is committed but its records could not be written yet; they are retried with the next turn.")]
    private static partial void LogEffectsDeferred(ILogger logger, Exception exception, string userId, long turn);

    [LoggerMessage(Level = LogLevel.Error, Message = "User {UserId}: timer {TimerId} was refused by the rules and is dropped.")]
    private static partial void LogTimerRefused(ILogger logger, Exception exception, string userId, Guid timerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId}: the rate-limit bucket could not be written on deactivation; it refills.")]
    private static partial void LogSoftStateLost(ILogger logger, Exception exception, string userId);
}
