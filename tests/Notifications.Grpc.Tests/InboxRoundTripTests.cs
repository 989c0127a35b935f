using Grpc.Core;
using Google.Protobuf.WellKnownTypes;
using Notifications.Client;
using Notifications.Grpc.Tests.Infrastructure;
using Notifications.Protocol.V1;

namespace Notifications.Grpc.Tests;

/// <summary>The embeddable inbox's rpcs through the .NET client: tags and actions on send, counts, seen, update, bulk, actions, filters.</summary>
public sealed class InboxRoundTripTests : IAsyncLifetime
{
    private static readonly GrpcCallOptions Producer = GrpcCallOptions.Bearer("key-send");
    private static readonly GrpcCallOptions Alice = GrpcCallOptions.Bearer("user-alice");
    private static readonly GrpcCallOptions Bob = GrpcCallOptions.Bearer("user-bob");
    private GrpcTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GrpcTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Tags_actions_counts_seen_update_bulk_and_actions_map_both_ways()
    {
        var client = _server.Client;
        var sent = await client.SendAsync(
            new SendRequest
            {
                UserId = "alice",
                Content = new InlineContent { Title = "Invoice", Body = "Due" },
                Tags = { "billing" },
                Actions = { new Protocol.V1.InboxAction { Id = "pay", Label = "Pay", Url = "https://example.com/pay" }, new Protocol.V1.InboxAction { Id = "later", Label = "Later" } },
            },
            Producer);

        var item = Assert.Single((await client.ListInboxAsync(new ListInboxRequest { UserId = "alice", State = InboxState.All }, Alice)).Notifications);
        Assert.Equal(["billing"], item.Tags);
        Assert.Equal(["pay", "later"], item.Actions.Select(a => a.Id));
        Assert.Equal("https://example.com/pay", item.Actions[0].Url);
        Assert.False(item.Actions[1].HasUrl);
        Assert.Null(item.SnoozedUntil);

        Assert.Equal((1, 1), Counts(await client.GetInboxCountsAsync(new GetInboxCountsRequest { UserId = "alice" }, Alice)));
        Assert.Equal(1, (await client.MarkInboxSeenAsync(new MarkInboxSeenRequest(), Alice)).Updated);
        Assert.Equal((1, 0), Counts(await client.GetInboxCountsAsync(new GetInboxCountsRequest(), Alice)));

        await client.UpdateInboxItemAsync(new UpdateInboxItemRequest { UserId = "alice", NotificationId = sent.Id, Archived = true, SnoozedUntil = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddDays(1)) }, Alice);
        item = Assert.Single((await client.ListInboxAsync(new ListInboxRequest { UserId = "alice" }, Alice)).Notifications);
        Assert.NotNull(item.ArchivedAt);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddDays(1), item.SnoozedUntil.ToDateTimeOffset());
        await client.UpdateInboxItemAsync(new UpdateInboxItemRequest { UserId = "alice", NotificationId = sent.Id, Unsnooze = true }, Alice);
        Assert.Null(Assert.Single((await client.ListInboxAsync(new ListInboxRequest(), Alice)).Notifications).SnoozedUntil);

        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            client.UpdateInboxItemAsync(new UpdateInboxItemRequest { NotificationId = Guid.NewGuid().ToString(), Read = true }, Alice));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        var empty = await Assert.ThrowsAsync<RpcException>(() =>
            client.UpdateInboxItemAsync(new UpdateInboxItemRequest { NotificationId = sent.Id }, Alice));
        Assert.Equal(StatusCode.InvalidArgument, empty.StatusCode);

        Assert.Equal(1, (await client.BulkUpdateInboxAsync(new BulkUpdateInboxRequest { Action = "read", Filter = new Protocol.V1.InboxFilter { State = InboxState.All } }, Alice)).Updated);
        var badBulk = await Assert.ThrowsAsync<RpcException>(() => client.BulkUpdateInboxAsync(new BulkUpdateInboxRequest { Action = "delete" }, Alice));
        Assert.Equal(StatusCode.InvalidArgument, badBulk.StatusCode);

        Assert.Equal("https://example.com/pay", (await client.RunInboxActionAsync(new RunInboxActionRequest { NotificationId = sent.Id, ActionId = "pay" }, Alice)).Url);
        Assert.False((await client.RunInboxActionAsync(new RunInboxActionRequest { NotificationId = sent.Id, ActionId = "later" }, Alice)).HasUrl);
        var noAction = await Assert.ThrowsAsync<RpcException>(() => client.RunInboxActionAsync(new RunInboxActionRequest { NotificationId = sent.Id, ActionId = "nope" }, Alice));
        Assert.Equal(StatusCode.NotFound, noAction.StatusCode);
        Assert.Equal([("alice", Guid.Parse(sent.Id), "pay"), ("alice", Guid.Parse(sent.Id), "later")], _server.Backend.ActionsRun);
    }

    [Fact]
    public async Task Another_users_token_is_refused_on_the_new_rpcs()
    {
        var client = _server.Client;
        var sent = await client.SendAsync(new SendRequest { UserId = "alice", Content = new InlineContent { Title = "t", Body = "b" } }, Producer);

        foreach (var call in new Func<Task>[]
        {
            () => client.GetInboxCountsAsync(new GetInboxCountsRequest { UserId = "alice" }, Bob),
            () => client.MarkInboxSeenAsync(new MarkInboxSeenRequest { UserId = "alice" }, Bob),
            () => client.UpdateInboxItemAsync(new UpdateInboxItemRequest { UserId = "alice", NotificationId = sent.Id, Archived = true }, Bob),
            () => client.BulkUpdateInboxAsync(new BulkUpdateInboxRequest { UserId = "alice", Action = "read" }, Bob),
            () => client.RunInboxActionAsync(new RunInboxActionRequest { UserId = "alice", NotificationId = sent.Id, ActionId = "x" }, Bob),
        })
        {
            Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(call)).StatusCode);
        }
        Assert.Null(Assert.Single((await client.ListInboxAsync(new ListInboxRequest(), Alice)).Notifications).ReadAt);
    }

    private static (int Unread, int Unseen) Counts(InboxCounts counts) => (counts.Unread, counts.Unseen);
}
