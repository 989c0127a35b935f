using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Notifications.Api;
using Notifications.Model;
using Notifications.Application;

namespace Notifications.Grpc.Tests.Fakes;

/// <summary>
/// In-memory stand-in for the application services, for transport tests. Special user ids drive the transport's
/// edge cases: "slow" waits for cancellation, "stubborn" ignores its token, "explode" throws, "silo-lost" fails as a call to a dead silo does.
/// </summary>
internal sealed class FakeNotificationBackend : INotificationService, IUserService, IInboxService, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, NotificationView> _notifications = [];
    private readonly Dictionary<string, Guid> _idempotency = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserView> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<InboxItem>> _inboxes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Channel<RealtimeEvent>, string> _watchers = new();
    private readonly TaskCompletionSource _stubbornGate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource SlowCallStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource SlowCallCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource WatchCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int SendCount { get; private set; }

    /// <summary>What the stand-in readiness health check reports, as the silo's does once storage and grains are up.</summary>
    public bool Ready { get; set; } = true;

    public async Task<SendNotificationResponse> SendAsync(SendNotificationRequest request, CancellationToken cancellationToken)
    {
        switch (request.UserId)
        {
            case "slow":
                SlowCallStarted.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    SlowCallCancelled.TrySetResult();
                    throw;
                }

                break;
            case "stubborn":
                await _stubbornGate.Task;
                break;
            case "explode":
                throw new InvalidOperationException("boom");
            case "silo-lost":
                throw new Orleans.Runtime.SiloUnavailableException("the user's silo died mid-call");
        }

        return Accept(request, "");
    }

    public Task<BatchSendResponse> SendBatchAsync(IReadOnlyList<SendNotificationRequest>? requests, CancellationToken cancellationToken)
    {
        var results = new List<BatchItemResult>();
        for (var i = 0; i < requests!.Count; i++)
        {
            try
            {
                var response = Accept(requests[i], $"notifications[{i}].");
                results.Add(new BatchItemResult(i, response.Id, response.Status));
            }
            catch (ValidationFailedException ex)
            {
                results.Add(new BatchItemResult(i, null, "rejected", ex.Message, ex.Field));
            }
        }

        return Task.FromResult(new BatchSendResponse(results.Count(r => r.Id is not null), results.Count(r => r.Id is null), results));
    }

    public Task<NotificationView?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_notifications.GetValueOrDefault(id));
        }
    }

    public async Task<UserLookup?> LookupAsync(string userId, CancellationToken cancellationToken) =>
        await GetAsync(userId, cancellationToken) is { } user ? new UserLookup(user, []) : null;

    public Task<UserView?> GetAsync(string userId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_users.GetValueOrDefault(userId));
        }
    }

    public Task<UserView> UpsertAsync(string userId, UserProfile profile, CancellationToken cancellationToken)
    {
        if (profile.Email is { } email && !email.Contains('@', StringComparison.Ordinal))
        {
            throw new ValidationFailedException("profile.email", "email is not a valid address.");
        }

        lock (_gate)
        {
            var user = _users.TryGetValue(userId, out var existing)
                ? existing with { Profile = profile }
                : new UserView(userId, profile, [], new NotificationPreferences());
            _users[userId] = user;
            return Task.FromResult(user);
        }
    }

    public Task<ImportUsersResponse> ImportAsync(IReadOnlyList<UserImportItem>? users, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The gRPC gateway has no bulk user import; only the REST gateway calls this.");

    public Task<bool> SetChannelPreferenceAsync(string userId, string category, ChannelKind channel, bool enabled, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The gRPC gateway has no one-click unsubscribe; only the REST gateway calls this.");

    public Task<NotificationPreferences?> UpdatePreferencesAsync(string userId, NotificationPreferences preferences, CancellationToken cancellationToken)
    {
        if (preferences.QuietHours is { } quiet
            && (!TimeOnly.TryParseExact(quiet.Start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                || !TimeOnly.TryParseExact(quiet.End, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
        {
            throw new ValidationFailedException("preferences.quietHours", "quiet hours must be HH:mm.");
        }

        lock (_gate)
        {
            if (!_users.TryGetValue(userId, out var user))
            {
                return Task.FromResult<NotificationPreferences?>(null);
            }

            _users[userId] = user with { Preferences = preferences };
            return Task.FromResult<NotificationPreferences?>(preferences);
        }
    }

    public Task<Device?> RegisterDeviceAsync(string userId, RegisterDeviceRequest request, CancellationToken cancellationToken)
    {
        if (request.Kind is null)
        {
            throw new ValidationFailedException("kind", "kind is required.");
        }

        if (request.Kind != DeviceKind.WebPush && string.IsNullOrEmpty(request.Token))
        {
            throw new ValidationFailedException("token", "token is required for this kind.");
        }

        lock (_gate)
        {
            if (!_users.TryGetValue(userId, out var user))
            {
                return Task.FromResult<Device?>(null);
            }

            var device = new Device
            {
                Id = $"d{user.Devices.Count + 1}",
                Kind = request.Kind.Value,
                Token = request.Token,
                Subscription = request.Subscription,
                RegisteredAt = DateTimeOffset.UnixEpoch,
            };
            _users[userId] = user with { Devices = [.. user.Devices, device] };
            return Task.FromResult<Device?>(device);
        }
    }

    public Task<bool> RemoveDeviceAsync(string userId, string deviceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_users.TryGetValue(userId, out var user) || user.Devices.All(d => d.Id != deviceId))
            {
                return Task.FromResult(false);
            }

            _users[userId] = user with { Devices = user.Devices.Where(d => d.Id != deviceId).ToList() };
            return Task.FromResult(true);
        }
    }

    public Task<InboxPage> ListAsync(string userId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var size = limit ?? 20;
        if (size is < 1 or > 100)
        {
            throw new ValidationFailedException("limit", "limit must be between 1 and 100.");
        }

        var start = 0;
        if (cursor is not null && (!int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start < 0))
        {
            throw new ValidationFailedException("cursor", "cursor is not valid.");
        }

        lock (_gate)
        {
            var items = _inboxes.GetValueOrDefault(userId) ?? [];
            var page = items.AsEnumerable().Reverse().Skip(start).Take(size).ToList();
            var next = start + size < items.Count ? (start + size).ToString(CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new InboxPage(page, next, items.Count(i => i.ReadAt is null)));
        }
    }

    public Task<bool> SetReadAsync(string userId, Guid notificationId, bool read, CancellationToken cancellationToken)
    {
        int unread;
        lock (_gate)
        {
            var items = _inboxes.GetValueOrDefault(userId);
            var index = items?.FindIndex(i => i.Id == notificationId) ?? -1;
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            items![index] = items[index] with { ReadAt = read ? DateTimeOffset.UnixEpoch : null };
            unread = items.Count(i => i.ReadAt is null);
        }

        Publish(userId, new RealtimeEvent("unread", null, unread));
        return Task.FromResult(true);
    }

    public Task<int> MarkAllReadAsync(string userId, CancellationToken cancellationToken)
    {
        int marked;
        lock (_gate)
        {
            var items = _inboxes.GetValueOrDefault(userId) ?? [];
            marked = items.Count(i => i.ReadAt is null);
            for (var i = 0; i < items.Count; i++)
            {
                items[i] = items[i] with { ReadAt = items[i].ReadAt ?? DateTimeOffset.UnixEpoch };
            }
        }

        Publish(userId, new RealtimeEvent("unread", null, 0));
        return Task.FromResult(marked);
    }

    public async IAsyncEnumerable<RealtimeEvent> WatchAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<RealtimeEvent>();
        int unread;
        lock (_gate)
        {
            _watchers[channel] = userId;
            unread = (_inboxes.GetValueOrDefault(userId) ?? []).Count(i => i.ReadAt is null);
        }

        try
        {
            yield return new RealtimeEvent("unread", null, unread);
            while (true)
            {
                yield return await channel.Reader.ReadAsync(cancellationToken);
            }
        }
        finally
        {
            _watchers.TryRemove(channel, out _);
            if (cancellationToken.IsCancellationRequested)
            {
                WatchCancelled.TrySetResult();
            }
        }
    }

    public Task<InboxPage> ListAsync(string userId, string? cursor, int? limit, InboxFilter? filter, CancellationToken cancellationToken) =>
        filter?.State is null or "active" or "all"
            ? ListAsync(userId, cursor, limit, cancellationToken)
            : throw new ValidationFailedException("state", "the fake knows only active and all.");

    public Task<InboxCounts> CountsAsync(string userId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var items = _inboxes.GetValueOrDefault(userId) ?? [];
            return Task.FromResult(new InboxCounts(items.Count(i => i.ReadAt is null), items.Count(i => i.SeenAt is null)));
        }
    }

    public Task<bool> UpdateAsync(string userId, Guid notificationId, InboxUpdateRequest? request, CancellationToken cancellationToken)
    {
        if (request is null || (request.Read is null && request.Archived is null && !request.HasSnoozedUntil))
        {
            throw new ValidationFailedException("read", "Give at least one of read, archived and snoozedUntil.");
        }
        lock (_gate)
        {
            var items = _inboxes.GetValueOrDefault(userId);
            var index = items?.FindIndex(i => i.Id == notificationId) ?? -1;
            if (index < 0)
            {
                return Task.FromResult(false);
            }
            var item = items![index];
            if (request.Read is { } read)
            {
                item = item with { ReadAt = read ? DateTimeOffset.UnixEpoch : null };
            }
            if (request.Archived is { } archived)
            {
                item = item with { ArchivedAt = archived ? DateTimeOffset.UnixEpoch : null };
            }
            if (request.HasSnoozedUntil)
            {
                item = item with { SnoozedUntil = request.SnoozedUntil };
            }
            items[index] = item;
        }
        return Task.FromResult(true);
    }

    public Task<int> MarkSeenAsync(string userId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var items = _inboxes.GetValueOrDefault(userId) ?? [];
            var marked = items.Count(i => i.SeenAt is null);
            for (var i = 0; i < items.Count; i++)
            {
                items[i] = items[i] with { SeenAt = items[i].SeenAt ?? DateTimeOffset.UnixEpoch };
            }
            return Task.FromResult(marked);
        }
    }

    public Task<int> BulkAsync(string userId, InboxBulkRequest? request, CancellationToken cancellationToken) =>
        request?.Action switch
        {
            "read" => MarkAllReadAsync(userId, cancellationToken),
            "archive" or "unarchive" => Task.FromResult(0),
            _ => throw new ValidationFailedException("action", "action must be read, archive or unarchive."),
        };

    public Task<InboxActionResult?> RunActionAsync(string userId, Guid notificationId, string actionId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var action = _inboxes.GetValueOrDefault(userId)?.FirstOrDefault(i => i.Id == notificationId)?.Actions.FirstOrDefault(a => a.Id == actionId);
            if (action is not null)
            {
                ActionsRun.Add((userId, notificationId, actionId));
            }
            return Task.FromResult(action is null ? null : new InboxActionResult(action.Url));
        }
    }

    /// <summary>The fake has no cursors for items: a reconnect only starts the live events again.</summary>
    public IAsyncEnumerable<RealtimeEvent> WatchAsync(string userId, string? lastEventId, CancellationToken cancellationToken) =>
        WatchAsync(userId, cancellationToken);

    public List<(string UserId, Guid NotificationId, string ActionId)> ActionsRun { get; } = [];

    public int InboxCount(string userId)
    {
        lock (_gate)
        {
            return _inboxes.GetValueOrDefault(userId)?.Count ?? 0;
        }
    }

    public int WatcherCount(string userId) => _watchers.Values.Count(u => u == userId);

    public void Dispose() => _stubbornGate.TrySetResult();

    private SendNotificationResponse Accept(SendNotificationRequest request, string path)
    {
        if (string.IsNullOrEmpty(request.UserId))
        {
            throw new ValidationFailedException(path + "userId", "userId is required.");
        }

        if (request.Type is null && request.Content is null)
        {
            throw new ValidationFailedException(path + "content", "either type or content is required.");
        }

        InboxItem item;
        int unread;
        lock (_gate)
        {
            if (request.IdempotencyKey is { } key && _idempotency.TryGetValue(key, out var first))
            {
                return new SendNotificationResponse(first, "duplicate");
            }

            var id = Guid.NewGuid();
            if (request.IdempotencyKey is not null)
            {
                _idempotency[request.IdempotencyKey] = id;
            }

            var category = request.Category ?? "general";
            // An email channel gets one delivery with a tracked history, as the real silo reports it once sent.
            IReadOnlyList<DeliveryView> deliveries = request.Channels?.Contains(ChannelKind.Email) == true
                ?
                [
                    new DeliveryView(1, Notifications.Delivery.DeliveryChannel.Email, "a***@example.com", Notifications.Delivery.DeliveryStatus.Sent, 1, null,
                        DateTimeOffset.UnixEpoch.AddSeconds(1),
                        [
                            new DeliveryTransition(Notifications.Delivery.DeliveryStatus.Queued, DateTimeOffset.UnixEpoch),
                            new DeliveryTransition(Notifications.Delivery.DeliveryStatus.Sent, DateTimeOffset.UnixEpoch.AddSeconds(1), "250 OK"),
                        ],
                        "<message-1@silo>"),
                ]
                : [];
            _notifications[id] = new NotificationView(
                id, request.UserId, request.Type, category, request.Priority ?? Priority.Normal, "accepted",
                request.Content?.Title, request.Content?.Body, DateTimeOffset.UnixEpoch, deliveries);
            item = new InboxItem(
                id, request.Type, category, request.Content?.Title ?? request.Type ?? "", request.Content?.Body ?? "",
                request.Data ?? [], DateTimeOffset.UnixEpoch, null)
            {
                Tags = request.Tags ?? [],
                Actions = request.Actions ?? [],
            };
            if (!_inboxes.TryGetValue(request.UserId, out var inbox))
            {
                _inboxes[request.UserId] = inbox = [];
            }

            inbox.Add(item);
            unread = inbox.Count(i => i.ReadAt is null);
            SendCount++;
        }

        Publish(request.UserId, new RealtimeEvent("notification", item, unread));
        return new SendNotificationResponse(item.Id, "accepted");
    }

    private void Publish(string userId, RealtimeEvent realtime)
    {
        foreach (var (channel, watched) in _watchers)
        {
            if (watched == userId)
            {
                channel.Writer.TryWrite(realtime);
            }
        }
    }
}
