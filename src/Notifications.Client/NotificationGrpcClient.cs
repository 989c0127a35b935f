using System.Runtime.CompilerServices;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Notifications.Protocol.V1;

namespace Notifications.Client;

/// <summary>
/// The silo's gRPC API on Grpc.Net.Client: the generated clients (<see cref="Gateway"/>, <see cref="Admin"/>,
/// <see cref="Campaigns"/>, <see cref="Health"/>) over one channel, plus shorthands that take <see cref="GrpcCallOptions"/>. Failures are
/// <see cref="RpcException"/>s; a validation failure's field is in its google.rpc.BadRequest details.
/// </summary>
public sealed class NotificationGrpcClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly TimeProvider _time;

    public NotificationGrpcClient(GrpcChannel channel, TimeProvider? time = null)
    {
        _channel = channel;
        _time = time ?? TimeProvider.System;
        Gateway = new NotificationGateway.NotificationGatewayClient(channel);
        Admin = new NotificationAdmin.NotificationAdminClient(channel);
        Campaigns = new NotificationCampaigns.NotificationCampaignsClient(channel);
        Health = new Health.HealthClient(channel);
    }

    /// <summary>Over a caller-owned HttpClient (see <see cref="CreateHttpClient"/>): http means HTTP/2 with prior knowledge, https negotiates it.</summary>
    public NotificationGrpcClient(HttpClient httpClient, Uri address)
        : this(GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpClient = httpClient, MaxReceiveMessageSize = null }))
    {
    }

    public NotificationGateway.NotificationGatewayClient Gateway { get; }

    public NotificationAdmin.NotificationAdminClient Admin { get; }

    public NotificationCampaigns.NotificationCampaignsClient Campaigns { get; }

    public Health.HealthClient Health { get; }

    /// <summary>An HttpClient suited to gRPC: several HTTP/2 connections when streams run out, no overall timeout (deadlines are per call).</summary>
    public static HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task<SendResponse> SendAsync(SendRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        await Gateway.SendAsync(request, Call(options, cancellationToken));

    public async Task<SendBatchResponse> SendBatchAsync(SendBatchRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        await Gateway.SendBatchAsync(request, Call(options, cancellationToken));

    public async Task<Notification> GetNotificationAsync(GetNotificationRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        await Gateway.GetNotificationAsync(request, Call(options, cancellationToken));

    public async Task<InboxPage> ListInboxAsync(ListInboxRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        await Gateway.ListInboxAsync(request, Call(options, cancellationToken));

    public async Task<MarkReadResponse> MarkReadAsync(MarkReadRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        await Gateway.MarkReadAsync(request, Call(options, cancellationToken));

    public async Task<MarkAllReadResponse> MarkAllReadAsync(MarkAllReadRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        await Gateway.MarkAllReadAsync(request, Call(options, cancellationToken));

    public async Task<UpdateInboxItemResponse> UpdateInboxItemAsync(UpdateInboxItemRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        await Gateway.UpdateInboxItemAsync(request, Call(options, cancellationToken));

    public async Task<InboxUpdatedResponse> MarkInboxSeenAsync(MarkInboxSeenRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        await Gateway.MarkInboxSeenAsync(request, Call(options, cancellationToken));

    public async Task<InboxUpdatedResponse> BulkUpdateInboxAsync(BulkUpdateInboxRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        await Gateway.BulkUpdateInboxAsync(request, Call(options, cancellationToken));

    public async Task<RunInboxActionResponse> RunInboxActionAsync(RunInboxActionRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        await Gateway.RunInboxActionAsync(request, Call(options, cancellationToken));

    public async Task<InboxCounts> GetInboxCountsAsync(GetInboxCountsRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        await Gateway.GetInboxCountsAsync(request, Call(options, cancellationToken));

    public async Task<Preferences> GetPreferencesAsync(GetPreferencesRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        await Gateway.GetPreferencesAsync(request, Call(options, cancellationToken));

    public async Task<Preferences> UpdatePreferencesAsync(UpdatePreferencesRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        await Gateway.UpdatePreferencesAsync(request, Call(options, cancellationToken));

    public async Task<User> UpsertUserAsync(UpsertUserRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        await Gateway.UpsertUserAsync(request, Call(options, cancellationToken));

    public async Task<Device> RegisterDeviceAsync(RegisterDeviceRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        await Gateway.RegisterDeviceAsync(request, Call(options, cancellationToken));

    public async Task<RemoveDeviceResponse> RemoveDeviceAsync(RemoveDeviceRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        await Gateway.RemoveDeviceAsync(request, Call(options, cancellationToken));

    public IAsyncEnumerable<InboxEvent> WatchInboxAsync(WatchInboxRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadAllAsync(Gateway.WatchInbox(request, Call(options, cancellationToken)), cancellationToken);

    public async Task<HealthCheckResponse> CheckHealthAsync(string service = "", GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        await Health.CheckAsync(new HealthCheckRequest { Service = service }, Call(options, cancellationToken));

    public IAsyncEnumerable<HealthCheckResponse> WatchHealthAsync(string service = "", GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadAllAsync(Health.Watch(new HealthCheckRequest { Service = service }, Call(options, cancellationToken)), cancellationToken);

    public void Dispose() => _channel.Dispose();

    private CallOptions Call(GrpcCallOptions? options, CancellationToken cancellationToken) =>
        GrpcCallOptions.ToCallOptions(options, _time, cancellationToken);

    private static async IAsyncEnumerable<T> ReadAllAsync<T>(AsyncServerStreamingCall<T> call, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using (call)
        {
            await foreach (var message in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                yield return message;
            }
        }
    }
}
