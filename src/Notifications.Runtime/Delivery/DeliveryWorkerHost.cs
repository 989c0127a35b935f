using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Notifications.Delivery;
using Notifications.Api;
using Notifications.Domain.Commands;
using Notifications.Runtime.Delivery.Tracking;
using Notifications.Runtime.Hosting;
using Notifications.Runtime.Partitions;
using Notifications.Runtime.Storage;

namespace Notifications.Runtime.Delivery;

/// <summary>
/// Claims due delivery jobs per channel and lane and sends them through the channel's sender. Every
/// (channel, lane) pair has its own loop and its own concurrency, so a slow provider or a bulk campaign
/// never holds up another channel or a more urgent lane. A channel without a configured sender records
/// its jobs as skipped, never as sent. A push target the provider calls dead is removed from its user, and a
/// notification none of whose push targets could take it falls back to email (both through the user's grain).
/// </summary>
internal sealed class DeliveryWorkerHost(
    IDeliveryStore store,
    INotificationStore notifications,
    IEnumerable<IChannelSender> senders,
    EmailTracking emailTracking,
    CommandRouter router,
    DeliveryWakeUps wakeUps,
    SiloReadiness readiness,
    IOptions<SiloOptions> options,
    TimeProvider time,
    ILogger<DeliveryWorkerHost> logger) : BackgroundService
{
    public const string NotConfigured = "channel not configured";

    private static readonly DeliveryChannel[] PushChannels = [DeliveryChannel.Apns, DeliveryChannel.Fcm, DeliveryChannel.WebPush];
    private readonly DeliveryOptions _options = options.Value.Delivery;
    private readonly HashSet<string> _critical = new(options.Value.EffectiveCriticalCategories, StringComparer.Ordinal);
    private readonly Dictionary<DeliveryChannel, IChannelSender> _senders = senders.ToDictionary(s => s.Channel);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!readiness.IsReady)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), stoppingToken).ConfigureAwait(false);
        }
        var loops = new List<Task>();
        foreach (var channel in Enum.GetValues<DeliveryChannel>().Where(c => c != DeliveryChannel.InApp))
        {
            foreach (var lane in Enum.GetValues<Priority>())
            {
                loops.Add(Task.Run(() => RunLaneAsync(channel, lane, stoppingToken), stoppingToken));
            }
        }
        await Task.WhenAll(loops).ConfigureAwait(false);
    }

    private async Task RunLaneAsync(DeliveryChannel channel, Priority lane, CancellationToken cancellationToken)
    {
        var signal = wakeUps.For(channel, lane);
        using var concurrency = new SemaphoreSlim(_options.ConcurrencyPerLane);
        var random = new Random(HashCode.Combine(channel, lane, Environment.ProcessId));
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await store.ClaimAsync(channel, lane, _options.ClaimBatchSize, time.GetUtcNow(), _options.Lease, cancellationToken).ConfigureAwait(false);
                if (claimed.Count == 0)
                {
                    await signal.WaitAsync(_options.PollInterval, time, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                var sends = claimed.Select(async job =>
                {
                    await concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        return await AttemptAsync(job.Request, random, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        concurrency.Release();
                    }
                });
                var results = await Task.WhenAll(sends).ConfigureAwait(false);
                await store.CompleteAsync(results, cancellationToken).ConfigureAwait(false);
                await RemoveDeadTargetsAsync(claimed, results, cancellationToken).ConfigureAwait(false);
                if (_options.PushFallbackToEmail && PushChannels.Contains(channel))
                {
                    await FallBackToEmailAsync(claimed, results, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Claimed jobs come back when their lease runs out; nothing is lost by backing off here.
                logger.LogError(exception, "Delivery worker {Channel}/{Lane} failed; backing off.", channel, lane);
                await Task.Delay(_options.PollInterval, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<DeliveryResult> AttemptAsync(DeliveryRequest request, Random random, CancellationToken cancellationToken)
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
                outcome = await sender.SendAsync(sent, cancellationToken).ConfigureAwait(false);
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
                    now + RetryPolicy.Delay(request.Attempt, outcome.RetryAfter, _options, random)),
            DeliveryOutcomeKind.Transient => new DeliveryResult(request.JobId, DeliveryStatus.DeadLettered, request.Attempt, outcome.Reason, null, now),
            _ => new DeliveryResult(request.JobId, DeliveryStatus.Failed, request.Attempt, $"{outcome.Kind}: {outcome.Reason}", null, now),
        };
    }

    /// <summary>A provider that calls a token dead is believed: the device goes, through the user's grain.</summary>
    private async Task RemoveDeadTargetsAsync(IReadOnlyList<ClaimedDelivery> claimed, DeliveryResult[] results, CancellationToken cancellationToken)
    {
        List<NewCommand>? removals = null;
        for (var i = 0; i < claimed.Count; i++)
        {
            var request = claimed[i].Request;
            if (IsFailure(results[i], DeliveryOutcomeKind.TargetDead) && PushChannels.Contains(request.Channel))
            {
                var address = request.Channel == DeliveryChannel.WebPush ? WebPushEndpointOf(request.Target) : request.Target;
                (removals ??= []).Add(router.Address(new RemoveDeviceCommand { UserId = request.UserId, Address = address, Reason = results[i].Reason }, Priority.High));
            }
        }
        if (removals is not null)
        {
            await router.SendAsync(removals, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// When a push attempt failed for good, and so did every other push target of the same notification, the user's
    /// grain is asked to email instead. Workers of different push channels may both see the last failure; the grain
    /// sends the email once.
    /// </summary>
    private async Task FallBackToEmailAsync(IReadOnlyList<ClaimedDelivery> claimed, DeliveryResult[] results, CancellationToken cancellationToken)
    {
        List<NewCommand>? fallbacks = null;
        var checkedIds = new HashSet<Guid>();
        for (var i = 0; i < claimed.Count; i++)
        {
            var request = claimed[i].Request;
            if (!IsPermanentPushFailure(results[i]) || !checkedIds.Add(request.NotificationId))
            {
                continue;
            }
            var view = await notifications.GetAsync(request.NotificationId, cancellationToken).ConfigureAwait(false);
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
            (fallbacks ??= []).Add(router.Address(command, request.Lane));
        }
        if (fallbacks is not null)
        {
            await router.SendAsync(fallbacks, cancellationToken).ConfigureAwait(false);
        }
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
