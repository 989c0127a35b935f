using Notifications.Api;
using Notifications.Application;
using Notifications.Domain.Campaigns;
using Notifications.Grains.Storage;
using Notifications.Testing;

namespace Notifications.Grains.Tests;

/// <summary>
/// How fresh a campaign's view is: the campaign service counts the funnel from the records and reuses a count for
/// ten times as long as it took (at most five seconds), never a quick one, and counts again after a status change.
/// Each count here "takes" the time the fake store advances the clock by.
/// </summary>
public sealed class CampaignFunnelsTests
{
    private static readonly Guid Campaign = Guid.NewGuid();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero)) { ElapsedFollowsClock = true };
    private readonly CountingStore _store;
    private readonly CampaignFunnels _funnels;

    public CampaignFunnelsTests()
    {
        _store = new CountingStore(_clock);
        _funnels = new CampaignFunnels(_store, _clock);
    }

    [Fact]
    public async Task The_view_adds_the_funnel_to_what_the_grain_knows()
    {
        _store.Funnel = new CampaignFunnel(Processed: 90, Suppressed: 3, Deferred: 2, Digested: 1, Delivered: 80, Opened: 40, Clicked: 10, Failed: 4);

        var view = await _funnels.CompleteAsync(View(CampaignStatus.Running, targeted: 100, unsent: 6), default);

        // Failed: recipients the campaign could not hand on, and those that failed on every channel they were sent on.
        Assert.Equal(new CampaignProgress(100, 90, 3, 2, 1, 80, 40, 10, 10), view.Progress);
    }

    /// <summary>Reused until <paramref name="reusedForMs"/> after the count ended (ten times its length, at most 5 s), and counted again 1 ms later.</summary>
    [Theory]
    [InlineData(100, 1_000)]
    [InlineData(499, 4_990)]
    [InlineData(2_000, 5_000)]
    public async Task A_slow_count_is_reused_for_ten_times_as_long_as_it_took_and_five_seconds_at_most(int tookMs, int reusedForMs)
    {
        _store.Takes = TimeSpan.FromMilliseconds(tookMs);
        await _funnels.CompleteAsync(View(CampaignStatus.Running), default);

        _clock.Advance(TimeSpan.FromMilliseconds(reusedForMs - 1));
        await _funnels.CompleteAsync(View(CampaignStatus.Running), default);
        Assert.Equal(1, _store.Counts);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await _funnels.CompleteAsync(View(CampaignStatus.Running), default);
        Assert.Equal(2, _store.Counts);
    }

    [Fact]
    public async Task A_quick_count_is_made_on_every_view()
    {
        _store.Takes = TimeSpan.FromMilliseconds(49);
        for (var i = 0; i < 3; i++)
        {
            await _funnels.CompleteAsync(View(CampaignStatus.Running), default);
        }
        Assert.Equal(3, _store.Counts);
    }

    [Fact]
    public async Task A_status_change_is_counted_at_once()
    {
        _store.Takes = TimeSpan.FromMilliseconds(400);
        _store.Funnel = CampaignFunnel.Empty with { Processed = 999 };
        await _funnels.CompleteAsync(View(CampaignStatus.Running), default);
        _store.Funnel = CampaignFunnel.Empty with { Processed = 1000 };

        var completed = await _funnels.CompleteAsync(View(CampaignStatus.Completed), default);

        Assert.Equal((2, 1000L), (_store.Counts, completed.Progress.Processed));
    }

    private static CampaignView View(string status, long targeted = 1000, long unsent = 0) => new()
    {
        Id = Campaign,
        Name = "spring",
        Status = status,
        Segment = new SegmentSpec { Everyone = true },
        Channels = [ChannelKind.InApp],
        Priority = Priority.Bulk,
        RatePerSecond = 100,
        CreatedAt = DateTimeOffset.UnixEpoch,
        Progress = new CampaignProgress(targeted, 0, 0, 0, 0, 0, 0, 0, unsent),
    };

    private sealed class CountingStore(ManualTimeProvider clock) : ICampaignStore
    {
        public TimeSpan Takes { get; set; }
        public CampaignFunnel Funnel { get; set; } = CampaignFunnel.Empty;
        public int Counts { get; private set; }

        public Task<CampaignFunnel> FunnelAsync(Guid campaignId, CancellationToken cancellationToken)
        {
            Counts++;
            clock.Advance(Takes);
            return Task.FromResult(Funnel);
        }

        public Task UpsertAsync(CampaignRow campaign, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<CampaignRow>> ListAsync(int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<Guid>> UnfinishedAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
