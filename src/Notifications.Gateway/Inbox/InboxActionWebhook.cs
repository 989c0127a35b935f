using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Notifications.Application;
using Notifications.Channels.Webhook;

namespace Notifications.Gateway.Inbox;

/// <summary>
/// Posts <c>{event: "action", notificationId, userId, actionId, at}</c> to <c>Inbox:ActionWebhookUrl</c> after a user ran
/// an inbox action, signed like the webhook channel (<see cref="WebhookSignature"/>) with <c>Inbox:ActionWebhookSecret</c>,
/// else the webhook channel's secret. Best effort: the click is recorded already, so a failed post is logged, not retried.
/// </summary>
internal sealed partial class InboxActionWebhook : IInboxActionListener, IDisposable
{
    public const string UrlKey = "Inbox:ActionWebhookUrl";
    public const string SecretKey = "Inbox:ActionWebhookSecret";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly Uri? _url;
    private readonly WebhookSignature? _signature;
    private readonly TimeProvider _time;
    private readonly ILogger<InboxActionWebhook> _logger;
    private readonly HttpClient _http;

    public InboxActionWebhook(IConfiguration configuration, TimeProvider time, ILogger<InboxActionWebhook> logger)
    {
        _time = time;
        _logger = logger;
        if (configuration[UrlKey] is { Length: > 0 } url)
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp))
            {
                _url = parsed;
            }
            else
            {
                // A bad URL must not take the inbox down with it: the clicks are still recorded, only not posted.
                LogBadUrl(logger, url);
            }
        }
        var secret = configuration[SecretKey] is { Length: > 0 } own ? own : configuration["Channels:Webhook:SigningSecret"];
        _signature = string.IsNullOrEmpty(secret) ? null : new WebhookSignature(secret);
        // The receiver is the operator's; never follow its redirects to somewhere else.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout };
    }

    public void OnAction(string userId, Guid notificationId, string actionId, DateTimeOffset at)
    {
        if (_url is null)
        {
            return;
        }
        _ = Task.Run(() => PostAsync(_url, userId, notificationId, actionId, at));
    }

    private async Task PostAsync(Uri url, string userId, Guid notificationId, string actionId, DateTimeOffset at)
    {
        try
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new ActionEvent("action", notificationId, userId, actionId, at), NotificationJson.Options);
            using var message = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
            };
            var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
            message.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            message.Headers.Add(WebhookSignature.IdHeader, $"{notificationId:N}:action:{actionId}");
            if (_signature is not null)
            {
                message.Headers.Add(WebhookSignature.SignatureHeader, _signature.Sign(timestamp, body));
            }
            using var response = await _http.SendAsync(message).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LogRefused(_logger, (int)response.StatusCode, notificationId, actionId);
            }
        }
        catch (Exception exception)
        {
            LogFailed(_logger, exception, notificationId, actionId);
        }
    }

    public void Dispose() => _http.Dispose();

    private sealed record ActionEvent(string Event, Guid NotificationId, string UserId, string ActionId, DateTimeOffset At);

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbox:ActionWebhookUrl '{Url}' is not an absolute http(s) URL; action clicks are not posted.")]
    private static partial void LogBadUrl(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The inbox action webhook answered {Status} for action {ActionId} of notification {NotificationId}; it is not retried.")]
    private static partial void LogRefused(ILogger logger, int status, Guid notificationId, string actionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The inbox action webhook could not be called for action {ActionId} of notification {NotificationId}; it is not retried.")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid notificationId, string actionId);
}
