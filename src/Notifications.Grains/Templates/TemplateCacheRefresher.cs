using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Notifications.Grains.Hosting;

namespace Notifications.Grains.Templates;

/// <summary>
/// Keeps this silo's compiled templates equal to the store when another silo changes them. Changes are pushed (see
/// <see cref="TemplateRegistry"/>); every Silo:TemplateRefreshInterval this renews the cache's place among the catalog
/// grain's followers and compares versions, reloading on a difference: the backstop for a push that could not reach
/// this silo, and for the grain's restart on another silo, which forgets its followers.
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
            // Followed at once, not a tick later: a change made meanwhile would otherwise reach this silo only by the poll.
            do
            {
                try
                {
                    var version = await catalog.FollowAsync(templates.Reference).WaitAsync(stoppingToken).ConfigureAwait(false);
                    await templates.RefreshAsync(version, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The cache stays as it was; the next tick tries again.
                    LogRefreshFailed(logger, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check whether another silo changed the notification types.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
