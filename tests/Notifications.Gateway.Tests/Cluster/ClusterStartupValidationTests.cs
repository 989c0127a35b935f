using Microsoft.Extensions.Options;
using Notifications.Testing;

namespace Notifications.Gateway.Tests.Cluster;

/// <summary>A cluster or grain-state setting that cannot work stops start-up, before anything connects, naming the setting and the value.</summary>
public sealed class ClusterStartupValidationTests
{
    [Theory]
    [InlineData("Cluster:Provider", "Zookeeper", "Cluster:Provider is 'Zookeeper'")]
    [InlineData("Cluster:Provider", "Redis", "Cluster:Redis:ConnectionString is empty")]
    [InlineData("Cluster:Reminders", "Redis", "Cluster:Reminders is 'Redis', which needs Cluster:Provider=Redis")]
    [InlineData("Cluster:Reminders", "Cassandra", "Cluster:Reminders is 'Cassandra'")]
    [InlineData("Cluster:AdvertisedIPAddress", "not-an-ip", "Cluster:AdvertisedIPAddress is 'not-an-ip'")]
    [InlineData("Storage:GrainState", "Blob", "Storage:GrainState is 'Blob'")]
    [InlineData("Storage:GrainState", "AzureTable", "Storage:AzureTable:ConnectionString is empty")]
    public async Task A_bad_cluster_setting_stops_start_up_and_says_which(string key, string value, string message)
    {
        await using var factory = new TestSilo<Program>(new Dictionary<string, string?> { [key] = value });
        var failure = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains(failure.Failures, f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_bad_setting_is_listed_at_once()
    {
        await using var factory = new TestSilo<Program>(new Dictionary<string, string?>
        {
            ["Cluster:Provider"] = "Redis",
            ["Cluster:Redis:ConnectionString"] = "127.0.0.1:6379,nonsense=1",
            ["Storage:GrainState"] = "AzureTable",
            ["Storage:AzureTable:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Storage:AzureTable:TableName"] = "1-bad",
        });
        var failure = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains(failure.Failures, f => f.StartsWith("Cluster:Redis:ConnectionString is not a Redis connection string", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("Storage:AzureTable:TableName is '1-bad'", StringComparison.Ordinal));
    }
}
