using Grpc.Core;
using Notifications.Client;
using Notifications.Grpc.Tests.Infrastructure;
using Notifications.Protocol.V1;

namespace Notifications.Grpc.Tests;

public sealed class DeadlineAndCancellationTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Producer = new() { ["authorization"] = "Bearer key-send" };
    private GrpcTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GrpcTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_server_side_deadline_cancels_the_handler_and_answers_deadline_exceeded()
    {
        // The raw client does not enforce the deadline itself, so the status must come from the server.
        var response = await RawGrpc.SendAsync(
            _server.Http, _server.GrpcAddress, RawGrpc.SendPath, RawGrpc.Frame(new SendRequest { UserId = "slow", Type = "t" }),
            headers: new Dictionary<string, string>(Producer) { ["grpc-timeout"] = "200m" });

        Assert.Equal((int)StatusCode.DeadlineExceeded, response.GrpcStatus);
        await _server.Backend.SlowCallCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_handler_that_ignores_cancellation_still_cannot_hold_the_answer_past_the_deadline()
    {
        var response = await RawGrpc.SendAsync(
            _server.Http, _server.GrpcAddress, RawGrpc.SendPath, RawGrpc.Frame(new SendRequest { UserId = "stubborn", Type = "t" }),
            headers: new Dictionary<string, string>(Producer) { ["grpc-timeout"] = "100m" });
        Assert.Equal((int)StatusCode.DeadlineExceeded, response.GrpcStatus);
    }

    [Fact]
    public async Task A_deadline_ends_a_server_stream_with_trailers_after_its_messages()
    {
        // Long enough for the first message to be written on a loaded machine, so the deadline lands mid-stream.
        var response = await RawGrpc.SendAsync(
            _server.Http, _server.GrpcAddress, RawGrpc.WatchInboxPath, RawGrpc.Frame(new WatchInboxRequest { UserId = "alice" }),
            headers: new Dictionary<string, string> { ["authorization"] = "Bearer user-alice", ["grpc-timeout"] = "2S" });

        Assert.Equal((int)StatusCode.DeadlineExceeded, response.GrpcStatus);
        Assert.False(response.IsTrailersOnly);
        var first = InboxEvent.Parser.ParseFrom(RawGrpc.Messages(response.Body)[0].Payload);
        Assert.Equal("unread", first.Kind);
    }

    [Fact]
    public async Task A_zero_timeout_expires_at_once_and_changes_nothing()
    {
        var response = await RawGrpc.SendAsync(
            _server.Http, _server.GrpcAddress, RawGrpc.SendPath, RawGrpc.Frame(new SendRequest { UserId = "slow", Type = "t" }),
            headers: new Dictionary<string, string>(Producer) { ["grpc-timeout"] = "0n" });
        Assert.Equal((int)StatusCode.DeadlineExceeded, response.GrpcStatus);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task A_malformed_grpc_timeout_is_refused()
    {
        var response = await RawGrpc.SendAsync(
            _server.Http, _server.GrpcAddress, RawGrpc.SendPath, RawGrpc.Frame(new SendRequest { UserId = "alice", Type = "t" }),
            headers: new Dictionary<string, string>(Producer) { ["grpc-timeout"] = "soon" });
        Assert.Equal((int)StatusCode.InvalidArgument, response.GrpcStatus);
        Assert.StartsWith("grpc-timeout:", response.GrpcMessage);
        Assert.Equal(0, _server.Backend.SendCount);
    }

    [Fact]
    public async Task The_client_enforces_its_deadline_too()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            _server.Client.SendAsync(new SendRequest { UserId = "slow", Type = "t" }, GrpcCallOptions.Bearer("key-send") with { Timeout = TimeSpan.FromMilliseconds(150) }));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    [Fact]
    public async Task Cancelling_a_unary_call_resets_the_stream_and_cancels_the_handler()
    {
        using var cts = new CancellationTokenSource();
        var call = _server.Client.SendAsync(new SendRequest { UserId = "slow", Type = "t" }, GrpcCallOptions.Bearer("key-send"), cts.Token);
        await _server.Backend.SlowCallStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        cts.Cancel();

        var ex = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        await _server.Backend.SlowCallCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Cancelling_a_watch_stops_the_server_stream()
    {
        using var cts = new CancellationTokenSource();
        await using var events = _server.Client.WatchInboxAsync(new WatchInboxRequest { UserId = "alice" }, GrpcCallOptions.Bearer("user-alice"), cts.Token).GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync());
        Assert.Equal(1, _server.Backend.WatcherCount("alice"));

        cts.Cancel();
        await _server.Backend.WatchCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, _server.Backend.WatcherCount("alice"));
    }
}
