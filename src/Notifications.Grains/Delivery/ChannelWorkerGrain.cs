using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Notifications.Api;
using Notifications.Delivery;
using Notifications.Domain.Commands;
using Notifications.Grains.Delivery.Tracking;
using Notifications.Grains.Hosting;
using Notifications.Grains.Operations;
using Notifications.Grains.Storage;
using Notifications.Telemetry;
using Orleans.Concurrency;

namespace Notifications.Grains.Delivery;

/// <summary>
/// Sends one channel's jobs of one lane (its key, e.g. "apns/critical") through the channel's sender, on the silo
/// whose pump claimed them, and records the outcomes. A lane's worker has its own concurrency, so bulk never
/// starves critical. A channel without a configured sender records its jobs as skipped, never as sent. A push
/// target the provider calls dead is removed from its user, and a notification none of whose push targets could
/// take it falls back to email (both through the user's grain).
/// </summary>
[StatelessWorker(1)]
internal sealed class ChannelWorkerGrain(
    IDeliveryStore store,
    INotificationStore notifications,
    IEnumerable<IChannelSender> senders,
    UserGrains users,
    EmailTracking emailTracking,
    SiloActivity activity,
    IOptions<SiloOptions> options,
    NotificationMetrics metrics,
    TimeProvider time,
    ILogger<ChannelWorkerGrain> logger) : Grain, IChannelWorkerGrain
{
    public const string NotConfigured = "channel not configured";

    private static readonly DeliveryChannel[] PushChannels = [DeliveryChannel.Apns, DeliveryChannel.Fcm, DeliveryChannel.WebPush];
    private readonly DeliveryOptions _options = options.Value.Delivery;
    private readonly HashSet<string> _critical = new(options.Value.EffectiveCriticalCategories, StringComparer.Ordinal);
    private readonly Dictionary<DeliveryChannel, IChannelSender> _senders = senders.ToDictionary(s => s.Channel);
    private readonly Random _random = new();

    public static string KeyOf(DeliveryChannel channel, Priority lane) => $"{channel}/{lane}".ToLowerInvariant();

    public async Task<IReadOnlyList<DeliveryResult>> SendAsync(IReadOnlyList<DeliveryRequest> jobs)
    {
        using var concurrency = new SemaphoreSlim(_options.ConcurrencyPerLane);
        var recorder = new DeliveryResultRecorder(store, _options.Lease, time, logger);
        var sends = jobs.Select(async job =>
        {
            await concurrency.WaitAsync().ConfigureAwait(true);
            try
            {
                var result = await AttemptAsync(job, CancellationToken.None).ConfigureAwait(true);
                await recorder.RecordAsync(result).ConfigureAwait(true);
                return result;
            }
            finally
            {
                concurrency.Release();
            }
        });
        var results = await Task.WhenAll(sends).ConfigureAwait(true);
        for (var i = 0; i < jobs.Count; i++)
        {
            activity.Attempted(jobs[i].Channel, jobs[i].Lane, results[i].Status, jobs[i].NotificationId, results[i].At);
        }
        await RemoveDeadTargetsAsync(jobs, results).ConfigureAwait(true);
        if (_options.PushFallbackToEmail && jobs.Count > 0 && PushChannels.Contains(jobs[0].Channel))
        {
            await FallBackToEmailAsync(jobs, results).ConfigureAwait(true);
        }
        return results;
    }

    private async Task<DeliveryResult> AttemptAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        // The job was queued by a turn of the notification's trace; the attempt continues that trace, not the pump's.
        ActivityContext.TryParse(request.TraceParent, null, out var queuedBy);
        using var activity = NotificationTelemetry.ActivitySource.StartActivity("deliver " + NotificationMetrics.Label(request.Channel), ActivityKind.Internal, queuedBy);
        activity?.SetTag("notification.id", request.NotificationId);
        activity?.SetTag("notification.delivery_id", request.JobId);
        activity?.SetTag("notification.attempt", request.Attempt);
        var result = await DecideAsync(request, cancellationToken).ConfigureAwait(true);
        activity?.SetTag("notification.delivery_status", NotificationMetrics.Label(result.Status));
        Count(request, result);
        return result;
    }

    private void Count(DeliveryRequest request, DeliveryResult result)
    {
        switch (result.Status)
        {
            case DeliveryStatus.Sent:
                metrics.Delivered(request.Channel, request.Lane);
                break;
            case DeliveryStatus.Queued:
                metrics.DeliveryFailed(request.Channel, request.Lane, "retrying");
                break;
            case DeliveryStatus.DeadLettered:
                metrics.DeliveryFailed(request.Channel, request.Lane, "dead_lettered");
                break;
            case DeliveryStatus.Skipped:
                metrics.DeliveryFailed(request.Channel, request.Lane, "skipped");
                break;
            default:
                metrics.DeliveryFailed(request.Channel, request.Lane, "failed");
                break;
        }
    }

    private async Task<DeliveryResult> DecideAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        DeliveryOutcome outcome;
        if (!_senders.TryGetValue(request.Channel, out var sender))
        {
            outcome = DeliveryOutcome.Skipped(NotConfigured);
        }
        else
        {
            try
            {
                // Tracking links need the delivery's id, which exists only now; the stored content stays untracked.
                var sent = request.Channel == DeliveryChannel.Email ? request with { Content = emailTracking.Decorate(request.JobId, request.Content) } : request;
                outcome = await sender.SendAsync(sent, cancellationToken).ConfigureAwait(true);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                outcome = DeliveryOutcome.Transient($"sender failed: {exception.GetType().Name}: {exception.Message}");
            }
        }
        var now = time.GetUtcNow();
        return outcome.Kind switch
        {
            DeliveryOutcomeKind.Sent => new DeliveryResult(request.JobId, DeliveryStatus.Sent, request.Attempt, null, outcome.ProviderMessageId, now),
            DeliveryOutcomeKind.Skipped => new DeliveryResult(request.JobId, DeliveryStatus.Skipped, request.Attempt, outcome.Reason, null, now),
            DeliveryOutcomeKind.Transient when request.Attempt < _options.MaxAttempts =>
                new DeliveryResult(request.JobId, DeliveryStatus.Queued, request.Attempt, outcome.Reason, null, now,
                    now + RetryPolicy.Delay(request.Attempt, outcome.RetryAfter, _options, _random)),
            DeliveryOutcomeKind.Transient => new DeliveryResult(request.JobId, DeliveryStatus.DeadLettered, request.Attempt, outcome.Reason, null, now),
            _ => new DeliveryResult(request.JobId, DeliveryStatus.Failed, request.Attempt, $"{outcome.Kind}: {outcome.Reason}", null, now),
        };
    }

    /// <summary>A provider that calls a token dead is believed: the device goes, through the user's grain.</summary>
    private async Task RemoveDeadTargetsAsync(IReadOnlyList<DeliveryRequest> jobs, DeliveryResult[] results)
    {
        var removals = new List<Task>();
        for (var i = 0; i < jobs.Count; i++)
        {
            var request = jobs[i];
            if (IsFailure(results[i], DeliveryOutcomeKind.TargetDead) && PushChannels.Contains(request.Channel))
            {
                var address = request.Channel == DeliveryChannel.WebPush ? WebPushEndpointOf(request.Target) : request.Target;
                removals.Add(users.Get(request.UserId).RemoveDeadAddressAsync(address, results[i].Reason));
            }
        }
        await Task.WhenAll(removals).ConfigureAwait(true);
    }

    /// <summary>
    /// When a push attempt failed for good, and so did every other push target of the same notification, the user's
    /// grain is asked to email instead. Workers of different push channels may both see the last failure; the grain
    /// sends the email once.
    /// </summary>
    private async Task FallBackToEmailAsync(IReadOnlyList<DeliveryRequest> jobs, DeliveryResult[] results)
    {
        var fallbacks = new List<Task>();
        var checkedIds = new HashSet<Guid>();
        for (var i = 0; i < jobs.Count; i++)
        {
            var request = jobs[i];
            if (!IsPermanentPushFailure(results[i]) || !checkedIds.Add(request.NotificationId))
            {
                continue;
            }
            var view = await notifications.GetAsync(request.NotificationId, CancellationToken.None).ConfigureAwait(true);
            if (view is null || !AllPushFailed(view))
            {
                continue;
            }
            var content = request.Content;
            var command = new PushFallbackCommand
            {
                UserId = request.UserId,
                NotificationId = request.NotificationId,
                Type = content.Type,
                Category = content.Category,
                Critical = _critical.Contains(content.Category),
                Priority = request.Lane,
                Content = content.Type is null ? new InlineContent(content.Title, content.Body) : null,
                Data = content.Data,
                Reason = results[i].Reason,
            };
            fallbacks.Add(users.Get(request.UserId).FallBackToEmailAsync(command));
        }
        await Task.WhenAll(fallbacks).ConfigureAwait(true);
    }

    /// <summary>Every push delivery failed for good, and no email went out for the notification already.</summary>
    private static bool AllPushFailed(NotificationView view)
    {
        var push = view.Deliveries.Where(d => PushChannels.Contains(d.Channel)).ToList();
        return push.Count > 0
            && view.Deliveries.All(d => d.Channel != DeliveryChannel.Email)
            && push.All(d => d.Status == DeliveryStatus.Failed && (IsReason(d.Reason, DeliveryOutcomeKind.TargetDead) || IsReason(d.Reason, DeliveryOutcomeKind.Permanent)));
    }

    private static bool IsPermanentPushFailure(DeliveryResult result) =>
        IsFailure(result, DeliveryOutcomeKind.TargetDead) || IsFailure(result, DeliveryOutcomeKind.Permanent);

    private static bool IsFailure(DeliveryResult result, DeliveryOutcomeKind kind) =>
        result.Status == DeliveryStatus.Failed && IsReason(result.Reason, kind);

    /// <summary>Failed results carry their outcome kind as the reason's prefix (see <see cref="AttemptAsync"/>).</summary>
    private static bool IsReason(string? reason, DeliveryOutcomeKind kind) =>
        reason is not null && reason.StartsWith(kind + ":", StringComparison.Ordinal);

    private static string WebPushEndpointOf(string target) =>
        System.Text.Json.JsonSerializer.Deserialize<Model.WebPushSubscription>(target, NotificationJson.Options)?.Endpoint ?? target;
}
