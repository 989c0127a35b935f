using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Health.V1;
using Notifications.Grpc;
using Notifications.Protocol.V1;

namespace Notifications.Client;

/// <summary>
/// A small gRPC client for the silo over HttpClient: HTTP/2 with prior knowledge for http addresses (ALPN for
/// https), length-prefixed messages, trailers to status. No gRPC runtime package needed.
/// </summary>
public sealed class NotificationGrpcClient(HttpClient httpClient, Uri address)
{
    private const string Gateway = "notifications.v1.NotificationGateway";
    private const string Health = "grpc.health.v1.Health";

    /// <summary>An HttpClient suited to gRPC: several HTTP/2 connections when streams run out, no overall timeout (deadlines are per call).</summary>
    public static HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public Task<SendResponse> SendAsync(SendRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync($"/{Gateway}/Send", request, SendResponse.Parser, options, cancellationToken);

    public Task<SendBatchResponse> SendBatchAsync(SendBatchRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync($"/{Gateway}/SendBatch", request, SendBatchResponse.Parser, options, cancellationToken);

    public Task<Notification> GetNotificationAsync(GetNotificationRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync($"/{Gateway}/GetNotification", request, Notification.Parser, options, cancellationToken);

    public Task<InboxPage> ListInboxAsync(ListInboxRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync($"/{Gateway}/ListInbox", request, InboxPage.Parser, options, cancellationToken);

    public Task<MarkReadResponse> MarkReadAsync(MarkReadRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync($"/{Gateway}/MarkRead", request, MarkReadResponse.Parser, options, cancellationToken);

    public Task<MarkAllReadResponse> MarkAllReadAsync(MarkAllReadRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync($"/{Gateway}/MarkAllRead", request, MarkAllReadResponse.Parser, options, cancellationToken);

    public Task<UpdateInboxItemResponse> UpdateInboxItemAsync(UpdateInboxItemRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync($"/{Gateway}/UpdateInboxItem", request, UpdateInboxItemResponse.Parser, options, cancellationToken);

    public Task<InboxUpdatedResponse> MarkInboxSeenAsync(MarkInboxSeenRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync($"/{Gateway}/MarkInboxSeen", request, InboxUpdatedResponse.Parser, options, cancellationToken);

    public Task<InboxUpdatedResponse> BulkUpdateInboxAsync(BulkUpdateInboxRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync($"/{Gateway}/BulkUpdateInbox", request, InboxUpdatedResponse.Parser, options, cancellationToken);

    public Task<RunInboxActionResponse> RunInboxActionAsync(RunInboxActionRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync($"/{Gateway}/RunInboxAction", request, RunInboxActionResponse.Parser, options, cancellationToken);

    public Task<InboxCounts> GetInboxCountsAsync(GetInboxCountsRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync($"/{Gateway}/GetInboxCounts", request, InboxCounts.Parser, options, cancellationToken);

    public Task<Preferences> GetPreferencesAsync(GetPreferencesRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync($"/{Gateway}/GetPreferences", request, Preferences.Parser, options, cancellationToken);

    public Task<Preferences> UpdatePreferencesAsync(UpdatePreferencesRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync($"/{Gateway}/UpdatePreferences", request, Preferences.Parser, options, cancellationToken);

    public Task<User> UpsertUserAsync(UpsertUserRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync($"/{Gateway}/UpsertUser", request, User.Parser, options, cancellationToken);

    public Task<Device> RegisterDeviceAsync(RegisterDeviceRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync($"/{Gateway}/RegisterDevice", request, Device.Parser, options, cancellationToken);

    public Task<RemoveDeviceResponse> RemoveDeviceAsync(RemoveDeviceRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync($"/{Gateway}/RemoveDevice", request, RemoveDeviceResponse.Parser, options, cancellationToken);

    public IAsyncEnumerable<InboxEvent> WatchInboxAsync(WatchInboxRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        ServerStreamingAsync($"/{Gateway}/WatchInbox", request, InboxEvent.Parser, options, cancellationToken);

    public Task<HealthCheckResponse> CheckHealthAsync(string service = "", GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync($"/{Health}/Check", new HealthCheckRequest { Service = service }, HealthCheckResponse.Parser, options, cancellationToken);

    public IAsyncEnumerable<HealthCheckResponse> WatchHealthAsync(string service = "", GrpcCallOptions? options = null, CancellationToken cancellationToken = default) =>
        ServerStreamingAsync($"/{Health}/Watch", new HealthCheckRequest { Service = service }, HealthCheckResponse.Parser, options, cancellationToken);

    /// <summary>Any unary method by path ("/package.Service/Method").</summary>
    public async Task<TResponse> UnaryAsync<TResponse>(string path, IMessage request, MessageParser<TResponse> parser, GrpcCallOptions? options = null, CancellationToken cancellationToken = default)
        where TResponse : IMessage<TResponse>
    {
        TResponse? result = default;
        var count = 0;
        await foreach (var message in ServerStreamingAsync(path, request, parser, options, cancellationToken))
        {
            result = message;
            count++;
        }

        return count == 1
            ? result!
            : throw new GrpcCallException(GrpcStatusCode.Internal, $"A unary call answered OK with {count} messages.");
    }

    /// <summary>Any server-streaming method by path; the status is checked when the stream ends.</summary>
    public async IAsyncEnumerable<TResponse> ServerStreamingAsync<TResponse>(
        string path,
        IMessage request,
        MessageParser<TResponse> parser,
        GrpcCallOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TResponse : IMessage<TResponse>
    {
        options ??= new GrpcCallOptions();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Timeout is { } timeout)
        {
            deadline.CancelAfter(timeout);
        }

        using var message = CreateRequest(path, request, options);
        HttpResponseMessage response;
        try
        {
            response = await httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GrpcCallException(GrpcStatusCode.DeadlineExceeded, "Deadline exceeded (client).");
        }
        catch (OperationCanceledException)
        {
            throw new GrpcCallException(GrpcStatusCode.Cancelled, "Cancelled by the caller.");
        }
        catch (HttpRequestException ex)
        {
            throw new GrpcCallException(GrpcStatusCode.Unavailable, ex.Message);
        }

        using (response)
        using (deadline.Token.Register(static r => ((HttpResponseMessage)r!).Dispose(), response))
        {
            // Disposing the response mid-stream resets the HTTP/2 stream (RST_STREAM), which is how the server learns of the cancel.
            var headers = GrpcWire.Metadata(response.Headers, null);
            var trailersOnly = GrpcWire.ReadStatus(headers);
            if (response.StatusCode != HttpStatusCode.OK || trailersOnly is not null)
            {
                var status = trailersOnly ?? (GrpcWire.FromHttpStatus(response.StatusCode), $"HTTP {(int)response.StatusCode} without grpc-status.");
                if (status.Status != GrpcStatusCode.Ok)
                {
                    throw new GrpcCallException(status.Status, status.Message, headers);
                }

                yield break;
            }

            var gzip = headers.TryGetValue("grpc-encoding", out var encoding) && encoding == "gzip";
            var body = await response.Content.ReadAsStreamAsync(deadline.Token);
            while (true)
            {
                byte[]? payload;
                try
                {
                    payload = await GrpcWire.ReadMessageAsync(body, gzip, deadline.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
                {
                    throw cancellationToken.IsCancellationRequested
                        ? new GrpcCallException(GrpcStatusCode.Cancelled, "Cancelled by the caller.")
                        : deadline.IsCancellationRequested
                            ? new GrpcCallException(GrpcStatusCode.DeadlineExceeded, "Deadline exceeded (client).")
                            : new GrpcCallException(GrpcStatusCode.Unavailable, ex.Message);
                }

                if (payload is null)
                {
                    break;
                }

                yield return parser.ParseFrom(payload);
            }

            var metadata = GrpcWire.Metadata(response.Headers, response.TrailingHeaders);
            var final = GrpcWire.ReadStatus(metadata) ?? (GrpcStatusCode.Internal, "The response ended without grpc-status.");
            if (final.Status != GrpcStatusCode.Ok)
            {
                throw new GrpcCallException(final.Status, final.Message, metadata);
            }
        }
    }

    private HttpRequestMessage CreateRequest(string path, IMessage request, GrpcCallOptions options)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(GrpcWire.Frame(request.ToByteArray(), options.Compress)),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        message.Headers.TryAddWithoutValidation("te", "trailers");
        message.Headers.TryAddWithoutValidation("grpc-accept-encoding", "identity,gzip");
        if (options.Compress)
        {
            message.Headers.TryAddWithoutValidation("grpc-encoding", "gzip");
        }

        if (options.Timeout is { } timeout)
        {
            message.Headers.TryAddWithoutValidation("grpc-timeout", GrpcWire.FormatTimeout(timeout));
        }

        if (options.Authorization is not null)
        {
            message.Headers.TryAddWithoutValidation("authorization", options.Authorization);
        }

        foreach (var (name, value) in options.Headers ?? new Dictionary<string, string>())
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }
}
