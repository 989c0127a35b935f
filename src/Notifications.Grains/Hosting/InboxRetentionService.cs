using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Notifications.Grains.Storage;

namespace Notifications.Grains.Hosting;

/// <summary>Deletes inbox items older than the retention (90 days by default), hourly.</summary>
internal sealed class InboxRetentionService(IInboxStore inbox, SiloReadiness readiness, IOptions<SiloOptions> options, TimeProvider time, ILogger<InboxRetentionService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(stoppingToken).ConfigureAwait(false);
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var purged = await inbox.PurgeAsync(time.GetUtcNow() - options.Value.InboxRetention, stoppingToken).ConfigureAwait(false);
                if (purged > 0)
                {
                    logger.LogInformation("Purged {Count} inbox items past retention.", purged);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Inbox retention purge failed; it runs again in an hour.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
