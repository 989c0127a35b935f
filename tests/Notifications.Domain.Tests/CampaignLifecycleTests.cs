using Notifications.Domain.Campaigns;

namespace Notifications.Domain.Tests;

public sealed class CampaignLifecycleTests
{
    [Theory]
    [InlineData(CampaignStatus.Draft, CampaignAction.Schedule, CampaignStatus.Scheduled)]
    [InlineData(CampaignStatus.Draft, CampaignAction.Start, CampaignStatus.Running)]
    [InlineData(CampaignStatus.Scheduled, CampaignAction.Start, CampaignStatus.Running)]
    [InlineData(CampaignStatus.Scheduled, CampaignAction.Release, CampaignStatus.Running)]
    [InlineData(CampaignStatus.Running, CampaignAction.Pause, CampaignStatus.Paused)]
    [InlineData(CampaignStatus.Paused, CampaignAction.Resume, CampaignStatus.Running)]
    [InlineData(CampaignStatus.Running, CampaignAction.Complete, CampaignStatus.Completed)]
    [InlineData(CampaignStatus.Draft, CampaignAction.Cancel, CampaignStatus.Cancelled)]
    [InlineData(CampaignStatus.Scheduled, CampaignAction.Cancel, CampaignStatus.Cancelled)]
    [InlineData(CampaignStatus.Running, CampaignAction.Cancel, CampaignStatus.Cancelled)]
    [InlineData(CampaignStatus.Paused, CampaignAction.Cancel, CampaignStatus.Cancelled)]
    public void Allowed_transitions(string from, CampaignAction action, string to) =>
        Assert.Equal(to, CampaignLifecycle.Next(from, action));

    [Theory]
    [InlineData(CampaignStatus.Draft, CampaignAction.Pause)]
    [InlineData(CampaignStatus.Draft, CampaignAction.Release)]
    [InlineData(CampaignStatus.Scheduled, CampaignAction.Schedule)]
    [InlineData(CampaignStatus.Running, CampaignAction.Start)]
    [InlineData(CampaignStatus.Running, CampaignAction.Resume)]
    [InlineData(CampaignStatus.Paused, CampaignAction.Pause)]
    [InlineData(CampaignStatus.Paused, CampaignAction.Complete)]
    public void Refused_transitions(string from, CampaignAction action) =>
        Assert.Null(CampaignLifecycle.Next(from, action));

    [Fact]
    public void Completed_and_cancelled_are_for_good()
    {
        foreach (var final in new[] { CampaignStatus.Completed, CampaignStatus.Cancelled })
        {
            Assert.True(CampaignStatus.IsFinal(final));
            Assert.All(Enum.GetValues<CampaignAction>(), action => Assert.Null(CampaignLifecycle.Next(final, action)));
        }
    }
}
