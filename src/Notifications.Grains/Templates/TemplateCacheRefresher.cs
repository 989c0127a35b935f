using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Notifications.Grains.Hosting;

namespace Notifications.Grains.Templates;

/// <summary>
/// Keeps this silo's compiled templates equal to the store when another silo changes them: every
/// Silo:TemplateRefreshInterval it compares the templates' catalog version and reloads on a difference.
/// A poll rather than a push: it needs no subscription that a silo's death could silently drop.
/// </summary>
internal sealed partial class TemplateCacheRefresher(
    TemplateRegistry templates,
    IGrainFactory grains,
    SiloReadiness readiness,
    IOptions<SiloOptions> options,
    TimeProvider time,
    ILogger<TemplateCacheRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(stoppingToken).ConfigureAwait(false);
        var catalog = grains.GetGrain<ICatalogVersionGrain>(ICatalogVersionGrain.Templates);
        using var timer = new PeriodicTimer(options.Value.TemplateRefreshInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    var version = await catalog.GetAsync().WaitAsync(stoppingToken).ConfigureAwait(false);
                    await templates.RefreshAsync(version, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The cache stays as it was; the next tick tries again.
                    LogRefreshFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check whether another silo changed the notification types.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
