using System.Collections.Concurrent;
using Notifications.Api;
using Notifications.Grains.Storage;

namespace Notifications.Application;

/// <summary>
/// Completes a campaign grain's view with the funnel counted from the campaign's records. The count is one index range
/// that grows with the recipients (0.6-1 s at a million on a loaded machine, docs/benchmarks.md), so it runs here, in
/// the caller's silo, never inside the campaign grain's turn, where it held up the consumers' admissions, a pause and
/// a cancel for as long. Views (a console polls them) reuse a count for ten times as long as it took, so however many
/// watch, counting costs at most a tenth of one reader; a count quicker than <see cref="CheapCount"/> (a small
/// campaign) is made on every read, and a status change (the final numbers once it completes) is counted at once. Ages
/// are the time provider's timestamps, which are the machine's even where a test drives the campaign's clock: they
/// bound our own cost, not a rule of the campaign.
/// </summary>
internal sealed class CampaignFunnels(ICampaignStore campaigns, TimeProvider time)
{
    /// <summary>A count that took longer (a loaded machine) is not reused for more than ten times this.</summary>
    private static readonly TimeSpan SlowCount = TimeSpan.FromMilliseconds(500);
    /// <summary>A count this quick is not reused at all: a small campaign's view is always exact.</summary>
    private static readonly TimeSpan CheapCount = TimeSpan.FromMilliseconds(50);
    /// <summary>Past this many campaigns remembered, those whose count can no longer be reused are forgotten.</summary>
    private const int Remembered = 1_000;

    private readonly ConcurrentDictionary<Guid, Count> _last = new();

    public async Task<CampaignView> CompleteAsync(CampaignView view, CancellationToken cancellationToken)
    {
        var funnel = await FunnelAsync(view.Id, view.Status, cancellationToken).ConfigureAwait(false);
        var own = view.Progress;
        return view with
        {
            Progress = own with
            {
                Processed = funnel.Processed,
                Suppressed = funnel.Suppressed,
                Deferred = funnel.Deferred,
                Digested = funnel.Digested,
                Delivered = funnel.Delivered,
                Opened = funnel.Opened,
                Clicked = funnel.Clicked,
                Failed = own.Failed + funnel.Failed,
            },
        };
    }

    private async Task<CampaignFunnel> FunnelAsync(Guid id, string status, CancellationToken cancellationToken)
    {
        if (_last.TryGetValue(id, out var last) && last.Status == status && Reusable(last))
        {
            return last.Funnel;
        }
        var started = time.GetTimestamp();
        var funnel = await campaigns.FunnelAsync(id, cancellationToken).ConfigureAwait(false);
        var took = time.GetElapsedTime(started);
        _last[id] = new Count(funnel, status, time.GetTimestamp(), took < SlowCount ? took : SlowCount);
        if (_last.Count > Remembered)
        {
            foreach (var stale in _last.Where(e => !Reusable(e.Value)))
            {
                _last.TryRemove(stale);
            }
        }
        return funnel;
    }

    private bool Reusable(Count count) => count.Took >= CheapCount && time.GetElapsedTime(count.CountedAt) < count.Took * 10;

    private sealed record Count(CampaignFunnel Funnel, string Status, long CountedAt, TimeSpan Took);
}
