using Notifications.Delivery;
using Notifications.Domain.Effects;
using Notifications.Grains.Users;

namespace Notifications.Storage.Tests.Records;

/// <summary>
/// What every provider of the record stores (effects, inbox, notifications, deliveries, templates, API keys,
/// settings) must do, whatever its engine. A provider's test class derives from this and says how to open its stores
/// over a fresh database and how to close them; opening again after closing must see the same data (durability).
/// The tests are split by port over several files of this class.
/// </summary>
public abstract partial class RecordStoreConformance : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    protected static readonly RenderedContent Content = new("Hi", "Body", null, "social", null, new Dictionary<string, string>());
    private RecordStores? _stores;
    private long _turn;

    protected RecordStores Store => _stores ?? throw new InvalidOperationException("The stores are not open.");

    /// <summary>Opens the provider's stores: empty on the first call, with everything written before on the next ones.</summary>
    protected abstract Task<RecordStores> OpenAsync();

    /// <summary>Releases everything the provider holds: connections, writers, caches.</summary>
    protected abstract Task CloseAsync();

    public async Task InitializeAsync() => _stores = await OpenAsync();

    public Task DisposeAsync() => CloseAsync();

    protected async Task ReopenAsync()
    {
        await CloseAsync();
        _stores = await OpenAsync();
    }

    /// <summary>One grain turn's records, written the way a user grain writes them after its state.</summary>
    protected PendingEffects Turn(IReadOnlyList<NotificationRecord>? notifications = null, IReadOnlyList<InboxEntry>? inbox = null, IReadOnlyList<DeliveryJob>? deliveries = null, Priority lane = Priority.Normal) =>
        new(++_turn, lane, notifications ?? [], inbox ?? [], deliveries ?? []);

    protected Task ApplyAsync(PendingEffects effects) => Store.Effects.ApplyAsync(effects, CancellationToken.None);

    protected static NotificationRecord Record(Guid id, string user, DateTimeOffset at, Priority priority = Priority.Normal) =>
        new(id, user, "t", "social", priority, NotificationStatus.Dispatched, "Hi", "Body", at);

    protected static InboxEntry Entry(Guid id, string user, DateTimeOffset at) =>
        new(id, user, "t", "social", "title", "body", new Dictionary<string, string>(), at);

    protected static DeliveryJob Job(Guid id, string user, DeliveryChannel channel, string target, Priority lane = Priority.Normal, DateTimeOffset? due = null, string? key = null) =>
        new(id, user, channel, target, lane, due ?? T0, key ?? $"{id:N}:{channel}:{target}", Content);

    /// <summary>An inbox item the way a grain writes one: with its notification record in the same turn.</summary>
    protected Task AddToInboxAsync(string user, Guid id, DateTimeOffset at) =>
        ApplyAsync(Turn([Record(id, user, at)], [Entry(id, user, at)]));

    /// <summary>Writes one notification with one delivery job due at T0 and claims it.</summary>
    protected async Task<(Guid NotificationId, DeliveryRequest Job)> ApplyAndClaimAsync(DeliveryChannel channel, string target)
    {
        var id = Guid.NewGuid();
        await ApplyAsync(Turn([Record(id, "u1", T0)], deliveries: [Job(id, "u1", channel, target)]));
        var claimed = Assert.Single(await Store.Deliveries.ClaimAsync(channel, Priority.Normal, 10, T0, TimeSpan.FromMinutes(1), default));
        return (id, claimed.Request);
    }
}
