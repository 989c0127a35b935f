using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Notifications.Delivery;
using Polly;
using Polly.CircuitBreaker;

namespace Notifications.Channels.Resilience;

/// <summary>
/// Bulkhead around one provider: a rate limiter and a circuit breaker. It never retries; while the provider
/// is unhealthy it answers Transient with a RetryAfter so the worker re-queues the job and nothing is lost.
/// </summary>
internal sealed class ResilientChannelSender : IChannelSender, IAsyncDisposable, IDisposable
{
    private readonly IChannelSender inner;
    private readonly ChannelResilienceOptions options;
    private readonly ResiliencePipeline<DeliveryOutcome> pipeline;
    private readonly RateLimiter? limiter;
    private readonly ILogger logger;
    private readonly ProviderHealthTracker health;

    public ResilientChannelSender(IChannelSender inner, ChannelResilienceOptions options, TimeProvider time, ILogger logger, ProviderHealthRegistry registry)
    {
        this.inner = inner;
        this.options = options;
        this.logger = logger;
        var circuit = new CircuitBreakerStateProvider();
        health = new ProviderHealthTracker(inner.Channel, circuit, time);
        registry.Add(inner.Channel, health);
        if (options.PermitsPerSecond > 0)
        {
            limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(options.Burst, 1),
                TokensPerPeriod = options.PermitsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = options.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }

        pipeline = new ResiliencePipelineBuilder<DeliveryOutcome> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<DeliveryOutcome>
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                StateProvider = circuit,
                // Only provider trouble trips the breaker; a dead token or a bad payload says nothing about its health.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result?.Kind == DeliveryOutcomeKind.Transient
                    || args.Outcome.Exception is { } exception && exception is not OperationCanceledException),
                OnOpened = args =>
                {
                    logger.LogWarning("{Channel} circuit opened for {Duration}", inner.Channel, args.BreakDuration);
                    return default;
                },
                OnClosed = _ =>
                {
                    logger.LogInformation("{Channel} circuit closed", inner.Channel);
                    return default;
                },
            })
            .Build();
    }

    public DeliveryChannel Channel => inner.Channel;

    internal IChannelSender Inner => inner;

    public async Task<DeliveryOutcome> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        RateLimitLease? lease = null;
        try
        {
            if (limiter is not null)
            {
                lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
                if (!lease.IsAcquired)
                {
                    var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                    return DeliveryOutcome.Transient($"{inner.Channel} local rate limit reached", wait);
                }
            }

            return await pipeline.ExecuteAsync(
                static (state, token) => state.Self.CallProviderAsync(state.request, token),
                (Self: this, request),
                cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException broken)
        {
            var wait = broken.RetryAfter is { } remaining && remaining > TimeSpan.Zero ? remaining : options.BreakDuration;
            logger.LogDebug("{Channel} circuit open; job {JobId} deferred by {Wait}", inner.Channel, request.JobId, wait);
            return DeliveryOutcome.Transient($"{inner.Channel} circuit open", wait);
        }
        finally
        {
            lease?.Dispose();
        }
    }

    private async ValueTask<DeliveryOutcome> CallProviderAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await inner.SendAsync(request, cancellationToken).ConfigureAwait(false);
            health.Record(outcome);
            return outcome;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            health.Record(exception);
            throw;
        }
    }

    public void Dispose()
    {
        limiter?.Dispose();
        (inner as IDisposable)?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (limiter is not null)
        {
            await limiter.DisposeAsync().ConfigureAwait(false);
        }

        switch (inner)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
