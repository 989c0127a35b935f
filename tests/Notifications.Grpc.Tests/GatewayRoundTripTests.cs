using Grpc.Core;
using Notifications.Client;
using Notifications.Grpc.Tests.Infrastructure;
using Notifications.Protocol.V1;

namespace Notifications.Grpc.Tests;

/// <summary>Every NotificationGateway method through the .NET client, against the real Kestrel listener.</summary>
public sealed class GatewayRoundTripTests : IAsyncLifetime
{
    private static readonly GrpcCallOptions Producer = GrpcCallOptions.Bearer("key-send");
    private static readonly GrpcCallOptions Alice = GrpcCallOptions.Bearer("user-alice");
    private GrpcTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GrpcTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Send_then_get_and_list_the_inbox()
    {
        var client = _server.Client;
        var sent = await client.SendAsync(
            new SendRequest
            {
                UserId = "alice",
                Content = new InlineContent { Title = "Hi", Body = "Zoë says héllo" },
                Priority = Protocol.V1.Priority.High,
                Data = { ["post"] = "42" },
                Channels = { Channel.InApp },
            },
            Producer);
        Assert.Equal("accepted", sent.Status);

        var notification = await client.GetNotificationAsync(new GetNotificationRequest { Id = sent.Id }, Producer);
        Assert.Equal("alice", notification.UserId);
        Assert.Equal(Protocol.V1.Priority.High, notification.Priority);
        Assert.Equal("Zoë says héllo", notification.Body);

        var page = await client.ListInboxAsync(new ListInboxRequest { UserId = "alice" }, Alice);
        var item = Assert.Single(page.Notifications);
        Assert.Equal(sent.Id, item.Id);
        Assert.Equal("42", item.Data["post"]);
        Assert.Equal(1, page.UnreadCount);
        Assert.Null(item.ReadAt);
    }

    [Fact]
    public async Task Idempotency_key_reports_duplicate()
    {
        var request = new SendRequest { UserId = "alice", Type = "welcome", IdempotencyKey = "k1" };
        var first = await _server.Client.SendAsync(request, Producer);
        var second = await _server.Client.SendAsync(request, Producer);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal("duplicate", second.Status);
    }

    [Fact]
    public async Task Send_batch_accepts_valid_items_and_reports_invalid_ones_by_proto_field()
    {
        var response = await _server.Client.SendBatchAsync(
            new SendBatchRequest
            {
                Notifications =
                {
                    new SendRequest { UserId = "alice", Type = "welcome" },
                    new SendRequest { Type = "welcome" },
                },
            },
            Producer);
        Assert.Equal(1, response.Accepted);
        Assert.Equal(1, response.Rejected);
        Assert.NotEmpty(response.Results[0].Id);
        Assert.Equal("notifications[1].user_id", response.Results[1].Field);
        Assert.Equal(1, _server.Backend.InboxCount("alice"));
    }

    [Fact]
    public async Task Mark_read_and_mark_all_read()
    {
        var client = _server.Client;
        var a = await client.SendAsync(new SendRequest { UserId = "alice", Type = "t" }, Producer);
        await client.SendAsync(new SendRequest { UserId = "alice", Type = "t" }, Producer);

        var marked = await client.MarkReadAsync(new MarkReadRequest { UserId = "alice", NotificationId = a.Id }, Alice);
        Assert.True(marked.Read);
        Assert.Equal(1, (await client.ListInboxAsync(new ListInboxRequest(), Alice)).UnreadCount);

        var unread = await client.MarkReadAsync(new MarkReadRequest { UserId = "alice", NotificationId = a.Id, Read = false }, Alice);
        Assert.False(unread.Read);
        Assert.Equal(2, (await client.ListInboxAsync(new ListInboxRequest(), Alice)).UnreadCount);

        var all = await client.MarkAllReadAsync(new MarkAllReadRequest { UserId = "alice" }, Alice);
        Assert.Equal(2, all.Marked);
        Assert.Equal(0, (await client.ListInboxAsync(new ListInboxRequest(), Alice)).UnreadCount);
    }

    [Fact]
    public async Task Inbox_pages_with_a_cursor()
    {
        for (var i = 0; i < 3; i++)
        {
            await _server.Client.SendAsync(new SendRequest { UserId = "alice", Content = new InlineContent { Title = $"n{i}", Body = "b" } }, Producer);
        }

        var first = await _server.Client.ListInboxAsync(new ListInboxRequest { UserId = "alice", Limit = 2 }, Alice);
        Assert.Equal(["n2", "n1"], first.Notifications.Select(n => n.Title));
        Assert.True(first.HasNextCursor);
        var second = await _server.Client.ListInboxAsync(new ListInboxRequest { UserId = "alice", Limit = 2, Cursor = first.NextCursor }, Alice);
        Assert.Equal(["n0"], second.Notifications.Select(n => n.Title));
        Assert.False(second.HasNextCursor);
    }

    [Fact]
    public async Task Users_preferences_and_devices()
    {
        var client = _server.Client;
        var user = await client.UpsertUserAsync(
            new UpsertUserRequest { UserId = "alice", Profile = new UserProfile { DisplayName = "Alice", Email = "a@example.com", TimeZone = "Europe/Berlin", Tags = { "beta" } } },
            Alice);
        Assert.Equal("Alice", user.Profile.DisplayName);
        Assert.Equal(["beta"], user.Profile.Tags);

        var updated = await client.UpdatePreferencesAsync(
            new UpdatePreferencesRequest
            {
                UserId = "alice",
                Preferences = new Preferences
                {
                    Channels = { ["email"] = false },
                    Categories = { ["marketing"] = new CategoryPreference { Channels = { ["push"] = false }, Digest = DigestCadence.Daily } },
                    QuietHours = new QuietHours { Start = "22:00", End = "07:00", Mode = QuietHoursMode.InboxOnly },
                },
            },
            Alice);
        Assert.False(updated.Channels["email"]);

        var preferences = await client.GetPreferencesAsync(new GetPreferencesRequest { UserId = "alice" }, Alice);
        Assert.False(preferences.Channels["email"]);
        Assert.Equal(DigestCadence.Daily, preferences.Categories["marketing"].Digest);
        Assert.False(preferences.Categories["marketing"].Channels["push"]);
        Assert.Equal(QuietHoursMode.InboxOnly, preferences.QuietHours.Mode);

        var device = await client.RegisterDeviceAsync(new RegisterDeviceRequest { UserId = "alice", Kind = DeviceKind.Ios, Token = "abc" }, Alice);
        Assert.Equal(DeviceKind.Ios, device.Kind);
        Assert.Equal("abc", device.Token);
        await client.RemoveDeviceAsync(new RemoveDeviceRequest { UserId = "alice", DeviceId = device.Id }, Alice);
        var gone = await Assert.ThrowsAsync<RpcException>(() =>
            client.RemoveDeviceAsync(new RemoveDeviceRequest { UserId = "alice", DeviceId = device.Id }, Alice));
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Watch_inbox_streams_the_unread_count_then_new_items()
    {
        using var cts = new CancellationTokenSource();
        await using var events = _server.Client.WatchInboxAsync(new WatchInboxRequest { UserId = "alice" }, Alice, cts.Token).GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("unread", events.Current.Kind);
        Assert.Equal(0, events.Current.UnreadCount);

        var sent = await _server.Client.SendAsync(new SendRequest { UserId = "alice", Content = new InlineContent { Title = "live", Body = "now" } }, Producer);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("notification", events.Current.Kind);
        Assert.Equal(sent.Id, events.Current.Notification.Id);
        Assert.Equal(1, events.Current.UnreadCount);
        cts.Cancel();
    }

    [Fact]
    public async Task Compressed_calls_round_trip()
    {
        var sent = await _server.Client.SendAsync(
            new SendRequest { UserId = "alice", Content = new InlineContent { Title = "zip", Body = new string('x', 10_000) } },
            Producer with { Compress = true });
        var notification = await _server.Client.GetNotificationAsync(new GetNotificationRequest { Id = sent.Id }, Producer with { Compress = true });
        Assert.Equal(10_000, notification.Body.Length);
    }

    [Fact]
    public async Task GetNotification_carries_each_delivery_with_its_tracked_history_and_provider_id()
    {
        var client = _server.Client;
        var sent = await client.SendAsync(new SendRequest
        {
            UserId = "alice",
            Content = new InlineContent { Title = "Receipt", Body = "Order 42" },
            Channels = { Channel.Email },
        }, Producer);

        var delivery = Assert.Single((await client.GetNotificationAsync(new GetNotificationRequest { Id = sent.Id }, Producer)).Deliveries);

        Assert.Equal("<message-1@silo>", delivery.ProviderMessageId);
        Assert.Equal([Protocol.V1.DeliveryStatus.Queued, Protocol.V1.DeliveryStatus.Sent], delivery.History.Select(h => h.Status));
        Assert.Equal("250 OK", delivery.History[1].Detail);
        Assert.False(delivery.History[0].HasDetail);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(1), delivery.History[1].At.ToDateTimeOffset());
    }
}
