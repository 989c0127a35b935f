using Notifications.Api;
using Notifications.Delivery;
using Notifications.Domain.Commands;
using Notifications.Domain.Effects;
using Notifications.Domain.Users;
using Notifications.Domain.State;
using Notifications.Model;

namespace Notifications.Domain.Tests;

/// <summary>One user's rules driven turn by turn at instants the test chooses; effects are collected per turn.</summary>
internal sealed class RulesHarness
{
    private int _ids;

    public RulesHarness(string userId = "u1")
    {
        Rules = new UserRules(UserState.New(userId));
    }

    public UserRules Rules { get; }
    public UserRuleOptions Options { get; } = new();
    public List<TimerRequest> PendingTimers { get; } = [];
    /// <summary>What the last turn said: did it change state that must be committed with it?</summary>
    public bool LastTurnDurable { get; private set; }

    public TurnEffects Run(UserCommand command, DateTimeOffset now)
    {
        var effects = new TurnEffects();
        LastTurnDurable = Rules.Handle(command, new TurnContext(now, new EchoRenderer(), Options, effects, NextId));
        PendingTimers.AddRange(effects.Timers);
        return effects;
    }

    /// <summary>Fires every pending timer due at <paramref name="now"/>, in due order, as the runtime would.</summary>
    public TurnEffects FireTimers(DateTimeOffset now)
    {
        var all = new TurnEffects();
        foreach (var timer in PendingTimers.Where(t => t.DueAt <= now).OrderBy(t => t.DueAt).ToList())
        {
            PendingTimers.Remove(timer);
            var effects = Run(timer.Command, now);
            all.Notifications.AddRange(effects.Notifications);
            all.Inbox.AddRange(effects.Inbox);
            all.Deliveries.AddRange(effects.Deliveries);
            all.Timers.AddRange(effects.Timers);
        }
        return all;
    }

    public void Register(UserProfile profile, NotificationPreferences? preferences = null, params Device[] devices)
    {
        Run(new UpsertProfileCommand { UserId = Rules.State.UserId, Profile = profile }, DateTimeOffset.UnixEpoch);
        if (preferences is not null)
        {
            Run(new UpdatePreferencesCommand { UserId = Rules.State.UserId, Preferences = preferences }, DateTimeOffset.UnixEpoch);
        }
        foreach (var device in devices)
        {
            Run(new RegisterDeviceCommand { UserId = Rules.State.UserId, Device = device }, DateTimeOffset.UnixEpoch);
        }
    }

    public NotifyCommand Notify(string category = "social", bool critical = false, string? digestKey = null, string? actor = null,
        IReadOnlyList<ChannelKind>? channels = null, string type = "post.liked") => new()
    {
        NotificationId = Guid.NewGuid(),
        UserId = Rules.State.UserId,
        Type = type,
        Category = category,
        Critical = critical,
        Channels = channels ?? [ChannelKind.InApp, ChannelKind.Push, ChannelKind.Email],
        DigestKey = digestKey,
        Data = actor is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["actor"] = actor },
    };

    /// <summary>Every transport a turn reached: the inbox (in-app) first, then the delivery jobs in order.</summary>
    public static List<DeliveryChannel> Reached(TurnEffects effects) =>
        effects.Inbox.Select(_ => DeliveryChannel.InApp).Concat(effects.Deliveries.Select(d => d.Channel)).ToList();

    private Guid NextId() => new(++_ids, 0, 0, new byte[8]);

    /// <summary>Renders inline content as given, a type as ("{type}", "{actors}") so tests can see what a template would have received.</summary>
    private sealed class EchoRenderer : IContentRenderer
    {
        public RenderedContent Render(string? type, string category, ChannelKind channel, string? locale, InlineContent? inline, IReadOnlyDictionary<string, string> data) =>
            inline is not null
                ? new(inline.Title, inline.Body, null, category, type, data)
                : new(type ?? "", data.TryGetValue("actors", out var actors) ? actors : "", null, category, type, data);
    }
}
