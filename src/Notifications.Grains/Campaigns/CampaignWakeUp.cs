using Microsoft.Extensions.Logging;
using Notifications.Grains.Storage;

namespace Notifications.Grains.Campaigns;

/// <summary>
/// Wakes every running or scheduled campaign when a silo starts. A campaign lives in its grain's timer, and after a
/// crash nothing calls that grain again until its reminder comes round (up to a minute and more later) or a chunk left in
/// the stream reaches its consumer; a silo that just started asks each one at once instead. Waking a campaign that is
/// active elsewhere, or that another silo woke first, changes nothing.
/// </summary>
internal sealed partial class CampaignWakeUp(ICampaignStore campaigns, IGrainFactory grains, ILogger<CampaignWakeUp> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _wakeUp = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(CampaignWakeUp), ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);

    /// <summary>Asks every unfinished campaign's grain once; a campaign that cannot be reached is left to its reminder.</summary>
    internal async Task WakeUnfinishedAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> unfinished;
        try
        {
            unfinished = await campaigns.UnfinishedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogListFailed(logger, exception);
            return;
        }
        foreach (var id in unfinished)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await grains.GetGrain<ICampaignGrain>(id).WakeAsync().ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                LogWakeFailed(logger, exception, id);
            }
        }
    }

    // In the background: the silo is ready for calls now, and a long list of campaigns must not hold its start-up.
    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        _wakeUp = Task.Run(() => WakeUnfinishedAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _wakeUp.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the campaigns not woken yet keep their reminders.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The unfinished campaigns could not be listed at start-up; their reminders bring them back.")]
    private static partial void LogListFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId} could not be woken at start-up; its reminder brings it back.")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception, Guid campaignId);
}
