using Grpc.Core;
using Notifications.Client;
using Notifications.Grpc.Tests.Infrastructure;
using Notifications.Protocol.V1;

namespace Notifications.Grpc.Tests;

/// <summary>Our errors as gRPC statuses, the same credentials and scope rules as REST, and nothing changed on error.</summary>
public sealed class StatusAndAuthTests : IAsyncLifetime
{
    private static readonly GrpcCallOptions Producer = GrpcCallOptions.Bearer("key-send");
    private static readonly GrpcCallOptions Manager = GrpcCallOptions.Bearer("key-manage");
    private static readonly GrpcCallOptions Alice = GrpcCallOptions.Bearer("user-alice");
    private static readonly GrpcCallOptions Bob = GrpcCallOptions.Bearer("user-bob");
    private GrpcTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GrpcTestServer.StartAsync(new Dictionary<string, string?>
    {
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static async Task<RpcException> Fails(StatusCode status, Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(status, ex.StatusCode);
        return ex;
    }

    [Fact]
    public async Task Validation_failures_are_invalid_argument_naming_the_proto_field()
    {
        var ex = await Fails(StatusCode.InvalidArgument, () => _server.Client.SendAsync(new SendRequest { Type = "t" }, Producer));
        Assert.StartsWith("user_id:", ex.Status.Detail);
        var violation = Assert.Single(ex.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations);
        Assert.Equal("user_id", violation.Field);
        Assert.Equal(0, _server.Backend.SendCount);

        ex = await Fails(StatusCode.InvalidArgument, () =>
            _server.Client.SendAsync(new SendRequest { UserId = "alice", Type = "t", Priority = (Protocol.V1.Priority)42 }, Producer));
        Assert.StartsWith("priority:", ex.Status.Detail);

        ex = await Fails(StatusCode.InvalidArgument, () =>
            _server.Client.SendAsync(new SendRequest { UserId = "alice", Type = "t", Channels = { Channel.Push, Channel.Unspecified } }, Producer));
        Assert.StartsWith("channels[1]:", ex.Status.Detail);

        ex = await Fails(StatusCode.InvalidArgument, () => _server.Client.ListInboxAsync(new ListInboxRequest { Limit = 500 }, Alice));
        Assert.StartsWith("limit:", ex.Status.Detail);

        ex = await Fails(StatusCode.InvalidArgument, () => _server.Client.SendBatchAsync(new SendBatchRequest(), Producer));
        Assert.StartsWith("notifications:", ex.Status.Detail);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task Bad_preferences_change_nothing()
    {
        await _server.Client.UpsertUserAsync(new UpsertUserRequest { UserId = "alice" }, Alice);
        var good = new Preferences { Channels = { ["sms"] = false } };
        await _server.Client.UpdatePreferencesAsync(new UpdatePreferencesRequest { UserId = "alice", Preferences = good }, Alice);

        var ex = await Fails(StatusCode.InvalidArgument, () => _server.Client.UpdatePreferencesAsync(
            new UpdatePreferencesRequest { UserId = "alice", Preferences = new Preferences { Channels = { ["pigeon"] = true } } }, Alice));
        Assert.Contains("pigeon", ex.Status.Detail);
        ex = await Fails(StatusCode.InvalidArgument, () => _server.Client.UpdatePreferencesAsync(
            new UpdatePreferencesRequest { UserId = "alice", Preferences = new Preferences { QuietHours = new QuietHours { Start = "25:00", End = "07:00" } } }, Alice));
        Assert.StartsWith("preferences.quiet_hours:", ex.Status.Detail);
        await Fails(StatusCode.InvalidArgument, () => _server.Client.UpdatePreferencesAsync(new UpdatePreferencesRequest { UserId = "alice" }, Alice));

        Assert.Equal(good, await _server.Client.GetPreferencesAsync(new GetPreferencesRequest { UserId = "alice" }, Alice));
    }

    [Fact]
    public async Task Missing_things_are_not_found()
    {
        var ex = await Fails(StatusCode.NotFound, () => _server.Client.GetNotificationAsync(new GetNotificationRequest { Id = Guid.NewGuid().ToString() }, Producer));
        Assert.Contains("not found", ex.Status.Detail);
        await Fails(StatusCode.NotFound, () => _server.Client.GetPreferencesAsync(new GetPreferencesRequest { UserId = "nobody" }, Manager));
        await Fails(StatusCode.NotFound, () => _server.Client.UpdatePreferencesAsync(new UpdatePreferencesRequest { UserId = "nobody", Preferences = new Preferences() }, Manager));
        await Fails(StatusCode.NotFound, () => _server.Client.RegisterDeviceAsync(new RegisterDeviceRequest { UserId = "nobody", Kind = DeviceKind.Android, Token = "t" }, Manager));
        await Fails(StatusCode.NotFound, () => _server.Client.MarkReadAsync(new MarkReadRequest { UserId = "alice", NotificationId = Guid.NewGuid().ToString() }, Alice));
        await Fails(StatusCode.InvalidArgument, () => _server.Client.GetNotificationAsync(new GetNotificationRequest { Id = "not-a-guid" }, Producer));
    }

    [Fact]
    public async Task No_or_bad_credentials_are_unauthenticated()
    {
        await Fails(StatusCode.Unauthenticated, () => _server.Client.SendAsync(new SendRequest { UserId = "alice", Type = "t" }));
        await Fails(StatusCode.Unauthenticated, () => _server.Client.SendAsync(new SendRequest { UserId = "alice", Type = "t" }, GrpcCallOptions.Bearer("forged")));
        await Fails(StatusCode.Unauthenticated, () => _server.Client.ListInboxAsync(new ListInboxRequest { UserId = "alice" }, new GrpcCallOptions { Authorization = "Basic user-alice" }));
        await Fails(StatusCode.Unauthenticated, () => _server.Client.WatchInboxAsync(new WatchInboxRequest { UserId = "alice" }).ToListAsync().AsTask());
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task Wrong_scope_or_wrong_user_is_permission_denied()
    {
        await Fails(StatusCode.PermissionDenied, () => _server.Client.SendAsync(new SendRequest { UserId = "alice", Type = "t" }, Alice));
        await Fails(StatusCode.PermissionDenied, () => _server.Client.SendAsync(new SendRequest { UserId = "alice", Type = "t" }, Manager));
        await Fails(StatusCode.PermissionDenied, () => _server.Client.GetNotificationAsync(new GetNotificationRequest { Id = Guid.NewGuid().ToString() }, Alice));
        await Fails(StatusCode.PermissionDenied, () => _server.Client.ListInboxAsync(new ListInboxRequest { UserId = "alice" }, Bob));
        await Fails(StatusCode.PermissionDenied, () => _server.Client.ListInboxAsync(new ListInboxRequest { UserId = "alice" }, Producer));
        await Fails(StatusCode.PermissionDenied, () => _server.Client.UpsertUserAsync(new UpsertUserRequest { UserId = "alice" }, Bob));
        await Fails(StatusCode.PermissionDenied, () => _server.Client.WatchInboxAsync(new WatchInboxRequest { UserId = "alice" }, Bob).ToListAsync().AsTask());
        Assert.Equal(0, _server.Backend.SendCount);
        Assert.Null(await _server.Backend.GetAsync("alice", CancellationToken.None));
    }

    [Fact]
    public async Task Manage_scope_reaches_any_user_and_a_user_token_defaults_to_itself()
    {
        await _server.Client.UpsertUserAsync(new UpsertUserRequest { UserId = "carol" }, Manager);
        await _server.Client.SendAsync(new SendRequest { UserId = "alice", Type = "t" }, Producer);
        Assert.Single((await _server.Client.ListInboxAsync(new ListInboxRequest { UserId = "alice" }, Manager)).Notifications);
        Assert.Single((await _server.Client.ListInboxAsync(new ListInboxRequest(), Alice)).Notifications);
        await Fails(StatusCode.InvalidArgument, () => _server.Client.ListInboxAsync(new ListInboxRequest(), Manager));
        var sent = await _server.Client.SendAsync(new SendRequest { UserId = "alice", Type = "t" }, Producer);
        Assert.Equal("alice", (await _server.Client.GetNotificationAsync(new GetNotificationRequest { Id = sent.Id }, Manager)).UserId);
    }

    [Fact]
    public async Task A_producer_over_its_rate_is_resource_exhausted_and_others_are_not()
    {
        for (var i = 0; i < 20; i++)
        {
            await _server.Client.SendAsync(new SendRequest { UserId = "alice", Type = "t" }, Producer);
        }

        var ex = await Fails(StatusCode.ResourceExhausted, () => _server.Client.SendAsync(new SendRequest { UserId = "alice", Type = "t" }, Producer));
        Assert.Equal("The key's rate of 1 requests per second (burst 20) is used up.", ex.Status.Detail);
        Assert.Equal("1", ex.Trailers.GetValue("retry-after"));
        Assert.Equal(20, _server.Backend.SendCount);
        await _server.Client.SendAsync(new SendRequest { UserId = "alice", Type = "t" }, GrpcCallOptions.Bearer("key-send-2"));
    }

    [Fact]
    public async Task An_unexpected_failure_is_unknown_without_leaking_details()
    {
        var ex = await Fails(StatusCode.Unknown, () => _server.Client.SendAsync(new SendRequest { UserId = "explode", Type = "t" }, Producer));
        Assert.DoesNotContain("boom", ex.Status.Detail);
    }

    [Fact]
    public async Task A_call_to_a_dead_silo_is_unavailable_so_clients_retry()
    {
        await Fails(StatusCode.Unavailable, () => _server.Client.SendAsync(new SendRequest { UserId = "silo-lost", Type = "t" }, Producer));
    }
}
