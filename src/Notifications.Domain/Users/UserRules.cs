using Notifications.Delivery;
using Notifications.Domain.Commands;
using Notifications.Domain.Directory;
using Notifications.Domain.Effects;
using Notifications.Domain.Rules;
using Notifications.Domain.State;
using Notifications.Model;

namespace Notifications.Domain.Users;

/// <summary>
/// The rules of one user's notifications, applied to that user's state. A turn is deterministic given
/// (state, command, context): it mutates <see cref="State"/> and adds effects; it performs no I/O.
/// The user's grain is the only caller, one command per turn.
/// </summary>
public sealed class UserRules(UserState state)
{
    /// <summary>Push failures come within minutes of the send; remembering this many notifications covers any burst.</summary>
    public const int MaxRememberedFallbacks = 256;

    /// <summary>Bounced deliveries remembered per address: the highest hard-bounce limit a mailbox may be configured with.</summary>
    public const int MaxRememberedBounces = 100;

    public UserState State { get; } = state;

    private bool _changedDurably;

    /// <summary>
    /// The notification an idempotency key already created within its window, if any: a send with that key
    /// again is answered with the first id and runs no rules.
    /// </summary>
    public Guid? DuplicateOf(NotifyCommand notify, DateTimeOffset now) =>
        notify.IdempotencyKey is { } key && State.Idempotency.TryGetValue(key, out var mark) && mark.ExpiresAt > now
            ? mark.NotificationId
            : null;

    /// <summary>
    /// Runs one command. Returns true when the turn changed state that must be committed with its effects;
    /// false when it changed only the rate-limit bucket, which is soft state the grain may write later
    /// (a plain dispatch, the common case, then costs no state write).
    /// </summary>
    public bool Handle(UserCommand command, TurnContext context)
    {
        _changedDurably = command is not NotifyCommand;
        switch (command)
        {
            case NotifyCommand notify:
                Notify(notify, context);
                break;
            case FlushDigestCommand flush:
                FlushDigest(flush, context);
                break;
            case UpsertProfileCommand upsert:
                UpsertProfile(upsert.Profile, context);
                break;
            case ImportUserCommand import:
                UpsertProfile(import.Profile, context);
                foreach (var device in import.Devices)
                {
                    RegisterDevice(device);
                }
                break;
            case WhatsAppInboundCommand inbound:
                RecordWhatsAppInbound(inbound, context);
                break;
            case UpdatePreferencesCommand update:
                State.Preferences = update.Preferences;
                break;
            case RegisterDeviceCommand register:
                RegisterDevice(register.Device);
                break;
            case RemoveDeviceCommand remove:
                State.Devices.RemoveAll(d => (remove.DeviceId is not null && d.Id == remove.DeviceId)
                                             || (remove.Address is not null && d.Address == remove.Address));
                break;
            case PushFallbackCommand fallback:
                FallBackToEmail(fallback, context);
                break;
            case SetChannelPreferenceCommand set:
                SetChannelPreference(set);
                break;
            case RecordEmailBounceCommand bounce:
                RecordEmailBounce(bounce, context);
                break;
            case UnsnoozeCommand:
                // The inbox is the grain's: the rules keep no snooze state, the timer only wakes the grain.
                break;
            default:
                throw new ArgumentException($"The user grain cannot handle {command.GetType().Name}.", nameof(command));
        }
        return _changedDurably;
    }

    private void Remember(NotifyCommand notify, TurnContext context)
    {
        if (notify.IdempotencyKey is not { } key)
        {
            return;
        }
        _changedDurably = true;
        foreach (var (expiredKey, _) in State.Idempotency.Where(m => m.Value.ExpiresAt <= context.Now).ToList())
        {
            State.Idempotency.Remove(expiredKey);
        }
        State.Idempotency[key] = new IdempotencyMark(notify.NotificationId, context.Now + context.Options.IdempotencyWindow);
    }

    private void UpsertProfile(UserProfile profile, TurnContext context)
    {
        State.WhatsApp = WhatsAppRules.AfterProfile(State.WhatsApp, profile, context.Now);
        State.Profile = profile with { WhatsAppOptIn = WhatsAppRules.MaySend(State.WhatsApp) };
        State.Registered = true;
        State.RegisteredAt ??= context.Now;
        context.Effects.Directory = new DirectoryEntry(State.UserId, [.. State.Profile.Tags], State.Profile.Locale, State.Profile.TimeZone, State.RegisteredAt.Value);
        // Writing the profile registers its address (again): a disabled address gets another chance.
        State.EmailBounces = null;
    }

    private void RegisterDevice(Device device)
    {
        // A token registered again (app reinstall, second login) replaces the old registration instead of doubling sends.
        State.Devices.RemoveAll(d => d.Id == device.Id || (d.Kind == device.Kind && d.Address == device.Address));
        State.Devices.Add(device);
    }

    private void Notify(NotifyCommand notify, TurnContext context)
    {
        Remember(notify, context);
        if (notify.Critical || notify.DigestCount > 0 || notify.Released)
        {
            Dispatch(notify, context);
            return;
        }
        var digestKey = notify.DigestKey;
        var window = notify.DigestWindow;
        if (digestKey is null)
        {
            var cadence = ChannelRules.CadenceOf(State.Preferences, notify.Category);
            if (cadence != DigestCadence.Instant)
            {
                digestKey = "cadence:" + (notify.Type ?? notify.Category);
                window = cadence == DigestCadence.Hourly ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
            }
        }
        if (digestKey is not null)
        {
            AddToDigest(digestKey, window ?? context.Options.DefaultDigestWindow, notify, context);
            return;
        }
        Dispatch(notify, context);
    }

    /// <summary>Quiet hours, then the rate limit, then fan-out to every allowed channel and target.</summary>
    private void Dispatch(NotifyCommand notify, TurnContext context)
    {
        var channels = notify.Channels;
        var quiet = false;
        if (!notify.Critical && !notify.Released)
        {
            var quietEnd = QuietHoursRule.WindowEnd(State.Preferences.QuietHours, TimeZones.ForUser(State.Profile.TimeZone), context.Now);
            if (quietEnd is { } releaseAt)
            {
                if (State.Preferences.QuietHours!.Mode == QuietHoursMode.Defer)
                {
                    context.Effects.Timers.Add(new TimerRequest(releaseAt, notify with { Released = true, IdempotencyKey = null }, notify.Priority));
                    Record(notify, NotificationStatus.Deferred, context);
                    return;
                }
                channels = channels.Contains(ChannelKind.InApp) ? [ChannelKind.InApp] : [];
                quiet = true;
            }
        }
        if (!notify.Critical && notify.DigestCount == 0)
        {
            var perSecond = context.Options.RateLimitRefillPerHour / 3600.0;
            if (!State.RateLimit.TryTake(context.Now, context.Options.RateLimitCapacity, perSecond))
            {
                AddToDigest("overflow:" + (notify.Type ?? notify.Category), context.Options.RateLimitDigestWindow, notify, context);
                return;
            }
        }
        FanOut(notify, channels, quiet, context);
    }

    /// <param name="quiet">Quiet hours narrowed <paramref name="channels"/>: if nothing goes out, they are why.</param>
    private void FanOut(NotifyCommand notify, IReadOnlyList<ChannelKind> channels, bool quiet, TurnContext context)
    {
        var locale = State.Profile.Locale;
        var data = WithActors(notify);
        RenderedContent? title = null;
        var sent = 0;
        var allowed = 0;
        foreach (var channel in channels.Distinct())
        {
            if (!ChannelRules.Allows(State.Preferences, notify.Category, channel, notify.Critical))
            {
                continue;
            }
            allowed++;
            var targets = TargetsOf(channel, notify);
            if (targets.Count == 0)
            {
                continue;
            }
            var content = context.Renderer.Render(notify.Type, notify.Category, channel, locale, notify.Content, data);
            title ??= content;
            foreach (var (transport, target, targetId) in targets)
            {
                var key = $"{notify.NotificationId:N}:{transport}:{targetId}";
                if (transport == DeliveryChannel.InApp)
                {
                    // The inbox row is the in-app delivery: written in the same commit, so it is delivered on commit.
                    context.Effects.Inbox.Add(new InboxEntry(notify.NotificationId, State.UserId, notify.Type, notify.Category, content.Title, content.Body, content.Data, context.Now)
                    {
                        Tags = notify.Tags,
                        Actions = notify.Actions,
                    });
                }
                else
                {
                    var job = transport == DeliveryChannel.WhatsApp ? content with { SessionOpenUntil = WhatsAppRules.SessionOpenUntil(State.WhatsApp) } : content;
                    context.Effects.Deliveries.Add(new DeliveryJob(notify.NotificationId, State.UserId, transport, target, notify.Priority, context.Now, key, job));
                }
                sent++;
            }
        }
        if (sent > 0)
        {
            Record(notify, NotificationStatus.Dispatched, context, title);
            return;
        }
        var reason = quiet && channels.Count == 0 ? SuppressionReasons.QuietHours
            : allowed == 0 ? SuppressionReasons.Preferences
            : SuppressionReasons.NoTarget;
        Record(notify, NotificationStatus.Suppressed, context, title, reason);
    }

    private List<(DeliveryChannel Transport, string Target, string TargetId)> TargetsOf(ChannelKind channel, NotifyCommand notify)
    {
        var targets = new List<(DeliveryChannel, string, string)>();
        switch (channel)
        {
            case ChannelKind.InApp:
                targets.Add((DeliveryChannel.InApp, "inbox", "inbox"));
                break;
            case ChannelKind.Email when EmailReachable:
                targets.Add((DeliveryChannel.Email, State.Profile.Email!, "email"));
                break;
            case ChannelKind.Sms when !string.IsNullOrEmpty(State.Profile.Phone):
                targets.Add((DeliveryChannel.Sms, State.Profile.Phone, "sms"));
                break;
            case ChannelKind.WhatsApp when WhatsAppRules.MaySend(State.WhatsApp):
                targets.Add((DeliveryChannel.WhatsApp, State.WhatsApp!.Number, "whatsapp"));
                break;
            case ChannelKind.Webhook when !string.IsNullOrEmpty(notify.WebhookUrl):
                targets.Add((DeliveryChannel.Webhook, notify.WebhookUrl, "webhook"));
                break;
            case ChannelKind.Push:
                foreach (var device in State.Devices)
                {
                    var transport = device.Kind switch
                    {
                        DeviceKind.Ios => DeliveryChannel.Apns,
                        DeviceKind.Android => DeliveryChannel.Fcm,
                        _ => DeliveryChannel.WebPush,
                    };
                    var target = device.Kind == DeviceKind.WebPush && device.Subscription is { } subscription
                        ? System.Text.Json.JsonSerializer.Serialize(subscription, NotificationJson.Options)
                        : device.Token ?? "";
                    targets.Add((transport, target, device.Id));
                }
                break;
        }
        return targets;
    }

    /// <summary>
    /// Push could not reach the user at all: one email instead, under the same rules a direct email would meet.
    /// Quiet hours and the rate limit were already applied when the notification was dispatched.
    /// </summary>
    private void FallBackToEmail(PushFallbackCommand fallback, TurnContext context)
    {
        if (State.PushFallbacks.Contains(fallback.NotificationId)
            || !EmailReachable
            || !ChannelRules.Allows(State.Preferences, fallback.Category, ChannelKind.Email, fallback.Critical))
        {
            return;
        }
        State.PushFallbacks.Add(fallback.NotificationId);
        if (State.PushFallbacks.Count > MaxRememberedFallbacks)
        {
            State.PushFallbacks.RemoveRange(0, State.PushFallbacks.Count - MaxRememberedFallbacks);
        }
        var content = context.Renderer.Render(fallback.Type, fallback.Category, ChannelKind.Email, State.Profile.Locale, fallback.Content, fallback.Data);
        var key = $"{fallback.NotificationId:N}:{DeliveryChannel.Email}:fallback";
        context.Effects.Deliveries.Add(new DeliveryJob(fallback.NotificationId, State.UserId, DeliveryChannel.Email, State.Profile.Email!, fallback.Priority, context.Now, key, content));
    }

    /// <summary>The user has an address that did not bounce too often.</summary>
    private bool EmailReachable => !string.IsNullOrEmpty(State.Profile.Email) && State.EmailBounces?.DisabledAt is null;

    /// <summary>Bounces of an address the user no longer has are history: they count for nothing.</summary>
    private void RecordEmailBounce(RecordEmailBounceCommand bounce, TurnContext context)
    {
        if (State.Profile.Email is not { } address || !string.Equals(address, bounce.Address, StringComparison.OrdinalIgnoreCase))
        {
            _changedDurably = false;
            return;
        }
        var record = State.EmailBounces ??= new EmailBounceRecord { Address = address };
        if (record.Deliveries.Contains(bounce.DeliveryId))
        {
            _changedDurably = false;
            return;
        }
        record.Deliveries.Add(bounce.DeliveryId);
        if (record.Deliveries.Count > MaxRememberedBounces)
        {
            record.Deliveries.RemoveRange(0, record.Deliveries.Count - MaxRememberedBounces);
        }
        record.HardBounces++;
        record.LastStatus = bounce.Status;
        record.LastBounceAt = context.Now;
        if (record.DisabledAt is null && record.HardBounces >= Math.Max(1, bounce.DisableAfter))
        {
            record.DisabledAt = context.Now;
        }
    }

    private void RecordWhatsAppInbound(WhatsAppInboundCommand inbound, TurnContext context)
    {
        if (WhatsAppRules.AfterInbound(State.WhatsApp, inbound.Number, inbound.Body, context.Now) is not { } consent)
        {
            _changedDurably = false;
            return;
        }
        State.WhatsApp = consent;
        State.Profile = State.Profile with { WhatsAppOptIn = WhatsAppRules.MaySend(consent) };
    }

    private void SetChannelPreference(SetChannelPreferenceCommand set)
    {
        var preferences = State.Preferences;
        var category = preferences.Categories.TryGetValue(set.Category, out var existing) ? existing : new CategoryPreference();
        var channels = new Dictionary<ChannelKind, bool>(category.Channels) { [set.Channel] = set.Enabled };
        var categories = new Dictionary<string, CategoryPreference>(preferences.Categories, StringComparer.Ordinal)
        {
            [set.Category] = category with { Channels = channels },
        };
        State.Preferences = preferences with { Categories = categories };
    }

    private void AddToDigest(string key, TimeSpan length, NotifyCommand notify, TurnContext context)
    {
        _changedDurably = true;
        if (!State.Digests.TryGetValue(key, out var window))
        {
            window = new DigestWindow { Id = context.NewId(), Key = key, OpenedAt = context.Now, FlushAt = context.Now + length, Latest = notify };
            State.Digests[key] = window;
            context.Effects.Timers.Add(new TimerRequest(window.FlushAt, new FlushDigestCommand { UserId = State.UserId, DigestKey = key, WindowId = window.Id }, notify.Priority));
        }
        window.Add(notify);
        Record(notify, NotificationStatus.Digested, context);
    }

    private void FlushDigest(FlushDigestCommand flush, TurnContext context)
    {
        // A timer of a window that is already gone (flushed, replaced) must not flush anything twice.
        if (!State.Digests.TryGetValue(flush.DigestKey, out var window) || window.Id != flush.WindowId)
        {
            return;
        }
        State.Digests.Remove(flush.DigestKey);
        var data = new Dictionary<string, string>(window.Latest.Data, StringComparer.Ordinal)
        {
            [ActorSummary.ActorsKey] = ActorSummary.Format(window.Actors, window.OtherActors, State.Profile.Locale),
            [ActorSummary.CountKey] = window.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var digest = window.Latest with
        {
            NotificationId = context.NewId(),
            Data = data,
            DigestKey = null,
            DigestCount = window.Count,
            Released = false,
            IdempotencyKey = null,
            AcceptedAt = context.Now,
            Content = window.Latest.Content is { } inline && window.Count > 1
                ? inline with { Body = $"{inline.Body} (+{window.Count - 1} more)" }
                : window.Latest.Content,
        };
        Dispatch(digest, context);
    }

    /// <summary>A single event's data with the same "actors"/"count" fields a digest has, so one template serves both.</summary>
    private static IReadOnlyDictionary<string, string> WithActors(NotifyCommand notify)
    {
        if (notify.Data.ContainsKey(ActorSummary.ActorsKey) || !notify.Data.TryGetValue(ActorSummary.ActorKey, out var actor))
        {
            return notify.Data;
        }
        return new Dictionary<string, string>(notify.Data, StringComparer.Ordinal)
        {
            [ActorSummary.ActorsKey] = actor,
            [ActorSummary.CountKey] = "1",
        };
    }

    private void Record(NotifyCommand notify, string status, TurnContext context, RenderedContent? content = null, string? reason = null) =>
        context.Effects.Notifications.Add(new NotificationRecord(
            notify.NotificationId, State.UserId, notify.Type, notify.Category, notify.Priority, status,
            content?.Title ?? notify.Content?.Title, content?.Body ?? notify.Content?.Body, notify.AcceptedAt) { Reason = reason, CampaignId = notify.CampaignId });
}
