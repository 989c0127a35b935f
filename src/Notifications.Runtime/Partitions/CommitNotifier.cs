using Microsoft.Extensions.Logging;
using Notifications.Api;
using Notifications.Delivery;
using Notifications.Runtime.Delivery;
using Notifications.Runtime.Realtime;
using Notifications.Runtime.Storage;

namespace Notifications.Runtime.Partitions;

/// <summary>After a commit: wake the timer pump for new timers, the workers for new jobs, and push new inbox items live.</summary>
internal sealed class CommitNotifier(TimerPump timers, DeliveryWakeUps deliveries, RealtimeBus realtime, IInboxStore inbox, ILogger<CommitNotifier> logger) : ICommitObserver
{
    public void OnCommitted(PartitionCommit commit)
    {
        var effects = commit.Effects;
        if (effects.Timers.Count > 0)
        {
            timers.Wake();
        }
        foreach (var job in effects.Deliveries)
        {
            if (job.Status == DeliveryStatus.Queued)
            {
                deliveries.Wake(job.Channel, job.Lane);
            }
        }
        foreach (var entry in effects.Inbox)
        {
            if (realtime.HasSubscribers(entry.UserId))
            {
                _ = PublishAsync(entry.UserId, InboxItems.From(entry));
            }
        }
    }

    private async Task PublishAsync(string userId, InboxItem item)
    {
        try
        {
            var unread = await inbox.UnreadCountAsync(userId, CancellationToken.None).ConfigureAwait(false);
            realtime.Publish(userId, new RealtimeEvent("notification", item, unread));
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not push a new inbox item to {UserId}'s live connections.", userId);
        }
    }
}
