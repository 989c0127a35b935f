using Microsoft.Extensions.Options;
using Notifications.Testing;

namespace Notifications.Gateway.Tests.Cluster;

/// <summary>
/// A Campaigns:Streams:* setting that cannot work stops start-up before anything connects, naming the setting and the
/// bad value, and never the value of a connection string or a SAS token.
/// </summary>
public sealed class CampaignStreamsStartupValidationTests
{
    private const string StorageKey = "SecretAccountKey0123456789==";
    private const string EventHubKey = "SecretHubKey0123456789==";
    private const string GoodStorage = $"DefaultEndpointsProtocol=https;AccountName=notifications;AccountKey={StorageKey};EndpointSuffix=core.windows.net";
    private const string GoodEventHub = $"Endpoint=sb://notifications.servicebus.windows.net/;SharedAccessKeyName=silo;SharedAccessKey={EventHubKey}";

    public static TheoryData<string, string, string> AzureQueueCases => new()
    {
        { "Campaigns:Streams:AzureQueue:ConnectionString", "", "Campaigns:Streams:AzureQueue:ConnectionString is empty; Campaigns:Streams:Provider=AzureQueue needs it" },
        { "Campaigns:Streams:AzureQueue:ConnectionString", $"AccountKey={StorageKey};nonsense", "Campaigns:Streams:AzureQueue:ConnectionString is not an Azure Storage connection string" },
        { "Campaigns:Streams:AzureQueue:ServiceUri", "https://notifications.queue.core.windows.net/?sv=2024&sig=" + StorageKey, "Campaigns:Streams:AzureQueue:ConnectionString and Campaigns:Streams:AzureQueue:ServiceUri are both set" },
        { "Campaigns:Streams:AzureQueue:QueueCount", "0", "Campaigns:Streams:AzureQueue:QueueCount is '0'; it must be a whole number from 1 to 1024" },
        { "Campaigns:Streams:AzureQueue:QueueNamePrefix", "Campaign_Queues", "Campaigns:Streams:AzureQueue:QueueNamePrefix is 'Campaign_Queues'" },
        { "Campaigns:Streams:AzureQueue:MessageVisibilityTimeout", "8.00:00:00", "Campaigns:Streams:AzureQueue:MessageVisibilityTimeout is '8.00:00:00'; it must be a duration from 00:00:01 to 7.00:00:00" },
        { "Campaigns:Streams:AzureQueue:CacheSize", "many", "Campaigns:Streams:AzureQueue:CacheSize is 'many'" },
        { "Campaigns:Streams:AzureQueue:PollInterval", "00:05:00", "Campaigns:Streams:AzureQueue:PollInterval is '00:05:00'" },
    };

    public static TheoryData<string, string, string> EventHubCases => new()
    {
        { "Campaigns:Streams:EventHubs:ConnectionString", "", "Campaigns:Streams:EventHubs:ConnectionString is empty; Campaigns:Streams:Provider=EventHubs needs it" },
        { "Campaigns:Streams:EventHubs:ConnectionString", $"SharedAccessKey={EventHubKey};;==", "Campaigns:Streams:EventHubs:ConnectionString is not an Event Hubs connection string" },
        { "Campaigns:Streams:EventHubs:ConnectionString", $"Endpoint=sb://notifications.servicebus.windows.net/;SharedAccessKey={EventHubKey}", "Campaigns:Streams:EventHubs:ConnectionString lacks Endpoint or SharedAccessKeyName/SharedAccessKey" },
        { "Campaigns:Streams:EventHubs:ConnectionString", $"{GoodEventHub};EntityPath=other-hub", "Campaigns:Streams:EventHubs:EventHubName is 'campaign-chunks' but Campaigns:Streams:EventHubs:ConnectionString is for the hub 'other-hub'" },
        { "Campaigns:Streams:EventHubs:FullyQualifiedNamespace", "notifications.servicebus.windows.net", "Campaigns:Streams:EventHubs:ConnectionString and Campaigns:Streams:EventHubs:FullyQualifiedNamespace are both set" },
        { "Campaigns:Streams:EventHubs:EventHubName", "", "Campaigns:Streams:EventHubs:EventHubName is empty" },
        { "Campaigns:Streams:EventHubs:EventHubName", "-chunks", "Campaigns:Streams:EventHubs:EventHubName is '-chunks'" },
        { "Campaigns:Streams:EventHubs:ConsumerGroup", "silo group", "Campaigns:Streams:EventHubs:ConsumerGroup is 'silo group'" },
        { "Campaigns:Streams:EventHubs:Checkpoint:ConnectionString", "", "Campaigns:Streams:EventHubs:Checkpoint:ConnectionString is empty" },
        { "Campaigns:Streams:EventHubs:Checkpoint:ServiceUri", "http://notifications.table.core.windows.net", "Campaigns:Streams:EventHubs:Checkpoint:ConnectionString and Campaigns:Streams:EventHubs:Checkpoint:ServiceUri are both set" },
        { "Campaigns:Streams:EventHubs:Checkpoint:TableName", "1checkpoints", "Campaigns:Streams:EventHubs:Checkpoint:TableName is '1checkpoints'" },
        { "Campaigns:Streams:EventHubs:Checkpoint:PersistInterval", "00:00:00", "Campaigns:Streams:EventHubs:Checkpoint:PersistInterval is '00:00:00'" },
        { "Campaigns:Streams:EventHubs:StartFromNow", "sometimes", "Campaigns:Streams:EventHubs:StartFromNow is 'sometimes'; it must be true or false" },
        { "Campaigns:Streams:EventHubs:PrefetchCount", "0", "Campaigns:Streams:EventHubs:PrefetchCount is '0'" },
        { "Campaigns:Streams:EventHubs:DataMinTimeInCache", "01:00:00", "Campaigns:Streams:EventHubs:DataMinTimeInCache is '01:00:00', longer than Campaigns:Streams:EventHubs:DataMaxAgeInCache '00:30:00'" },
    };

    [Fact]
    public void An_unknown_stream_provider_stops_start_up_and_says_which()
    {
        var failures = StartFailures(new() { ["Campaigns:Streams:Provider"] = "Kafka" });
        Assert.Contains(failures, f => f.StartsWith("Campaigns:Streams:Provider is 'Kafka'; it must be Storage", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(AzureQueueCases))]
    public void A_bad_Azure_Queue_setting_stops_start_up_naming_it_and_never_the_key(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Campaigns:Streams:Provider"] = "AzureQueue",
            ["Campaigns:Streams:AzureQueue:ConnectionString"] = GoodStorage,
            ["Silo:Campaigns:ChunkSize"] = "100",
        };
        settings[key] = value;
        var failures = StartFailures(settings);
        Assert.Contains(failures, f => f.StartsWith(message, StringComparison.Ordinal));
        Assert.All(failures, f => Assert.DoesNotContain(StorageKey, f, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(EventHubCases))]
    public void A_bad_Event_Hubs_setting_stops_start_up_naming_it_and_never_a_key(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Campaigns:Streams:Provider"] = "EventHubs",
            ["Campaigns:Streams:EventHubs:ConnectionString"] = GoodEventHub,
            ["Campaigns:Streams:EventHubs:EventHubName"] = "campaign-chunks",
            ["Campaigns:Streams:EventHubs:Checkpoint:ConnectionString"] = GoodStorage,
        };
        settings[key] = value;
        var failures = StartFailures(settings);
        Assert.Contains(failures, f => f.StartsWith(message, StringComparison.Ordinal));
        Assert.All(failures, f => Assert.DoesNotContain(EventHubKey, f, StringComparison.Ordinal));
        Assert.All(failures, f => Assert.DoesNotContain(StorageKey, f, StringComparison.Ordinal));
    }

    [Fact]
    public void On_Azure_Queue_a_chunk_size_whose_longest_ids_would_not_fit_one_queue_message_stops_start_up()
    {
        var failures = StartFailures(new()
        {
            ["Campaigns:Streams:Provider"] = "AzureQueue",
            ["Campaigns:Streams:AzureQueue:ConnectionString"] = GoodStorage,
        });
        var failure = Assert.Single(failures);
        Assert.StartsWith("Silo:Campaigns:ChunkSize is '500'; with Campaigns:Streams:Provider=AzureQueue a chunk is one Azure queue message (64 KiB), which holds at most 62 user ids", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_uri_carrying_a_SAS_token_is_refused_without_repeating_it()
    {
        var failures = StartFailures(new()
        {
            ["Campaigns:Streams:Provider"] = "AzureQueue",
            ["Campaigns:Streams:AzureQueue:ServiceUri"] = "https://notifications.queue.core.windows.net/?sv=2024&sig=" + StorageKey,
        });
        Assert.Contains(failures, f => f.StartsWith("Campaigns:Streams:AzureQueue:ServiceUri carries a query or user info", StringComparison.Ordinal));
        Assert.All(failures, f => Assert.DoesNotContain(StorageKey, f, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_bad_Event_Hubs_setting_is_listed_at_once()
    {
        var failures = StartFailures(new()
        {
            ["Campaigns:Streams:Provider"] = "eventhubs",
            ["Campaigns:Streams:EventHubs:FullyQualifiedNamespace"] = "not a host",
            ["Campaigns:Streams:EventHubs:Checkpoint:TableName"] = "x",
        });
        Assert.Contains(failures, f => f.StartsWith("Campaigns:Streams:EventHubs:FullyQualifiedNamespace is 'not a host'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Campaigns:Streams:EventHubs:EventHubName is empty", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Campaigns:Streams:EventHubs:Checkpoint:ConnectionString is empty", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Campaigns:Streams:EventHubs:Checkpoint:TableName is 'x'", StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> StartFailures(Dictionary<string, string?> settings)
    {
        using var factory = new TestSilo<Program>(settings);
        return Assert.Throws<OptionsValidationException>(() => factory.CreateClient()).Failures.ToList();
    }
}
