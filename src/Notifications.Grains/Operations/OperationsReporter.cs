using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Notifications.Delivery;
using Notifications.Grains.Hosting;
using Orleans.Runtime;

namespace Notifications.Grains.Operations;

/// <summary>Sends this silo's <see cref="SiloActivity"/> and provider health to the operations grain, every report interval.</summary>
internal sealed partial class OperationsReporter(
    SiloActivity activity,
    IEnumerable<IProviderHealthSource> providers,
    ILocalSiloDetails silo,
    IGrainFactory grains,
    SiloReadiness readiness,
    IOptions<SiloOptions> options,
    TimeProvider time,
    ILogger<OperationsReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(stoppingToken).ConfigureAwait(false);
        var grain = grains.GetGrain<IOperationsGrain>(IOperationsGrain.Key);
        using var timer = new PeriodicTimer(options.Value.Operations.ReportInterval, time);
        do
        {
            try
            {
                await grain.ReportAsync(Build()).WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The console misses one beat; the next report carries the totals anyway.
                LogReportFailed(logger, exception);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    public SiloActivityReport Build() => new(
        silo.SiloAddress.ToParsableString(),
        time.GetUtcNow(),
        activity.LaneCounters(),
        activity.ChannelCounters(),
        [.. providers.SelectMany(p => p.Snapshot())]);

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report this silo's activity to the operations console.")]
    private static partial void LogReportFailed(ILogger logger, Exception exception);
}
