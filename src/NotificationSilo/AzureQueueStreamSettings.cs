using System.Globalization;
using Azure.Storage.Queues;
using Orleans.Configuration;

namespace NotificationSilo;

/// <summary>
/// Campaigns:Streams:AzureQueue:*, the campaign fan-out on Azure Queue storage. A class, not a record: its client
/// holds the connection string, which must never reach a log through a generated ToString.
/// </summary>
internal sealed class AzureQueueStreamSettings
{
    public const string Section = "Campaigns:Streams:AzureQueue";
    public const string QueueCountKey = Section + ":QueueCount";
    public const string QueueNamePrefixKey = Section + ":QueueNamePrefix";
    public const string VisibilityTimeoutKey = Section + ":MessageVisibilityTimeout";
    public const string CacheSizeKey = Section + ":CacheSize";
    public const string PollIntervalKey = Section + ":PollInterval";

    public const int DefaultQueueCount = 8;
    public const string DefaultQueueNamePrefix = "campaigns";

    private AzureQueueStreamSettings(QueueServiceClient client, IReadOnlyList<string> queueNames, TimeSpan visibilityTimeout, int cacheSize, TimeSpan pollInterval)
    {
        Client = client;
        QueueNames = queueNames;
        VisibilityTimeout = visibilityTimeout;
        CacheSize = cacheSize;
        PollInterval = pollInterval;
    }

    public QueueServiceClient Client { get; }

    /// <summary>One Orleans queue (and pulling agent) per Azure queue: {prefix}-0 … {prefix}-{count-1}.</summary>
    public IReadOnlyList<string> QueueNames { get; }

    /// <summary>How long a message a silo has read stays hidden from the others; after a silo dies, its undelivered messages reappear once this has passed.</summary>
    public TimeSpan VisibilityTimeout { get; }

    public int CacheSize { get; }

    public TimeSpan PollInterval { get; }

    public static AzureQueueStreamSettings? Read(SettingReader settings)
    {
        var before = settings.Failures.Count;
        var client = AzureServiceClients.Read(settings, Section, $"{CampaignStreamSettings.ProviderKey}={CampaignStreamSettings.AzureQueue}",
            connectionString => new QueueServiceClient(connectionString), (uri, credential) => new QueueServiceClient(uri, credential));
        var count = settings.Int(QueueCountKey, DefaultQueueCount, 1, 1024);
        var prefix = settings.Text(QueueNamePrefixKey) ?? DefaultQueueNamePrefix;
        var names = Enumerable.Range(0, count).Select(i => $"{prefix}-{i.ToString(CultureInfo.InvariantCulture)}").ToList();
        if (!names.All(AzureStorageNames.IsQueueName))
        {
            settings.Failures.Add($"{QueueNamePrefixKey} is '{prefix}'; the queues are named {prefix}-0 to {names[^1]} and {AzureStorageNames.QueueRule}.");
        }
        // Azure's bounds: a received message is hidden for 1 s to 7 days.
        var visibility = settings.Duration(VisibilityTimeoutKey, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), TimeSpan.FromDays(7));
        // Orleans' simple cache admits a tenth of its size per read of up to 32 messages.
        var cacheSize = settings.Int(CacheSizeKey, SimpleQueueCacheOptions.DEFAULT_CACHE_SIZE, 320, 1_000_000);
        var poll = settings.Duration(PollIntervalKey, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1));
        return client is null || settings.Failures.Count > before ? null : new AzureQueueStreamSettings(client, names, visibility, cacheSize, poll);
    }
}
