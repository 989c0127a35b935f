using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Notifications.Delivery;
using Notifications.Grains.Hosting;
using Notifications.Grains.Storage;

namespace Notifications.Grains.Delivery;

/// <summary>
/// Claims due jobs from the durable outbox per channel and lane and hands them to that channel's stateless worker
/// grain on this silo. Every (channel, lane) pair has its own loop and its own share of concurrency, so a slow
/// provider or a bulk campaign never holds up another channel or a more urgent lane. Claims are leased: jobs of a
/// silo that died come due again for whichever silo claims next.
/// </summary>
internal sealed partial class DeliveryPump(
    IDeliveryStore store,
    IGrainFactory grains,
    DeliveryWakeUps wakeUps,
    SiloReadiness readiness,
    IOptions<SiloOptions> options,
    TimeProvider time,
    ILogger<DeliveryPump> logger) : BackgroundService
{
    private readonly DeliveryOptions _options = options.Value.Delivery;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(stoppingToken).ConfigureAwait(false);
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
        var worker = grains.GetGrain<IChannelWorkerGrain>(ChannelWorkerGrain.KeyOf(channel, lane));
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
                await worker.SendAsync(claimed.Select(c => c.Request).ToList()).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Claimed jobs come back when their lease runs out; nothing is lost by backing off here.
                LogLaneFailed(logger, exception, channel, lane);
                try
                {
                    await Task.Delay(_options.PollInterval, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery lane {Channel}/{Lane} failed; backing off.")]
    private static partial void LogLaneFailed(ILogger logger, Exception exception, DeliveryChannel channel, Priority lane);
}
