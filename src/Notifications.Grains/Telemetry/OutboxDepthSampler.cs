using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Notifications.Delivery;
using Notifications.Grains.Storage;
using Notifications.Telemetry;

namespace Notifications.Grains.Telemetry;

/// <summary>
/// Feeds the outbox-depth gauge. A scrape reads the last sample and, when it is older than
/// <see cref="MaxAge"/>, starts one refresh in the background: gauges are read synchronously, and a scraper
/// polling often must not turn into a storage query per scrape.
/// </summary>
internal sealed partial class OutboxDepthSampler(IDeliveryStore store, NotificationMetrics metrics, TimeProvider time, ILogger<OutboxDepthSampler> logger) : IHostedService
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private IReadOnlyDictionary<(DeliveryChannel Channel, Priority Lane), long> _last = new Dictionary<(DeliveryChannel, Priority), long>();
    private long _sampledAt;
    private bool _sampled;
    private Task? _refresh;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.ObserveOutboxDepth(Sample);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _refresh ?? Task.CompletedTask;

    private IReadOnlyDictionary<(DeliveryChannel Channel, Priority Lane), long> Sample()
    {
        lock (_gate)
        {
            if (_refresh is null && (!_sampled || time.GetElapsedTime(_sampledAt) >= MaxAge))
            {
                _refresh = RefreshAsync();
            }
            return _last;
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            var depth = (await store.CountOutboxAsync(CancellationToken.None).ConfigureAwait(false)).Waiting;
            // Every pair is reported, zeros included, so a drained lane's series drops to 0 instead of vanishing.
            var complete = new Dictionary<(DeliveryChannel, Priority), long>();
            foreach (var channel in Enum.GetValues<DeliveryChannel>().Where(c => c != DeliveryChannel.InApp))
            {
                foreach (var lane in Enum.GetValues<Priority>())
                {
                    complete[(channel, lane)] = depth.GetValueOrDefault((channel, lane));
                }
            }
            lock (_gate)
            {
                _last = complete;
            }
        }
        catch (Exception exception)
        {
            LogSampleFailed(logger, exception);
        }
        finally
        {
            lock (_gate)
            {
                _sampledAt = time.GetTimestamp();
                _sampled = true;
                _refresh = null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox depth could not be sampled; the gauge keeps its last values.")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}
