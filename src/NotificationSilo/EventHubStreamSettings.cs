using Azure.Data.Tables;
using Azure.Identity;
using Azure.Messaging.EventHubs;
using Orleans.Configuration;

namespace NotificationSilo;

/// <summary>
/// Campaigns:Streams:EventHubs:*, the campaign fan-out on an Event Hub: the hub (connection string, or namespace with
/// the silo's Azure identity), its consumer group, the Azure Table that keeps each partition's checkpoint, and the
/// receiver's cache. A class, not a record: it holds the connection strings, which a generated ToString would print.
/// </summary>
internal sealed class EventHubStreamSettings
{
    public const string Section = "Campaigns:Streams:EventHubs";
    public const string ConnectionStringKey = Section + ":ConnectionString";
    public const string NamespaceKey = Section + ":FullyQualifiedNamespace";
    public const string HubNameKey = Section + ":EventHubName";
    public const string ConsumerGroupKey = Section + ":ConsumerGroup";
    public const string CheckpointSection = Section + ":Checkpoint";
    public const string CheckpointTableKey = CheckpointSection + ":TableName";
    public const string CheckpointIntervalKey = CheckpointSection + ":PersistInterval";
    public const string StartFromNowKey = Section + ":StartFromNow";
    public const string PrefetchCountKey = Section + ":PrefetchCount";
    public const string MinTimeInCacheKey = Section + ":DataMinTimeInCache";
    public const string MaxAgeInCacheKey = Section + ":DataMaxAgeInCache";

    public const string DefaultConsumerGroup = "$Default";
    public const string DefaultCheckpointTable = "CampaignStreamCheckpoints";

    private readonly Action<EventHubOptions> _connect;

    private EventHubStreamSettings(Action<EventHubOptions> connect, TableServiceClient checkpointClient, string checkpointTable, TimeSpan checkpointInterval,
        bool startFromNow, int? prefetchCount, TimeSpan minTimeInCache, TimeSpan maxAgeInCache)
    {
        _connect = connect;
        CheckpointClient = checkpointClient;
        CheckpointTable = checkpointTable;
        CheckpointInterval = checkpointInterval;
        StartFromNow = startFromNow;
        PrefetchCount = prefetchCount;
        MinTimeInCache = minTimeInCache;
        MaxAgeInCache = maxAgeInCache;
    }

    public TableServiceClient CheckpointClient { get; }

    public string CheckpointTable { get; }

    /// <summary>How often each partition's read position is written: after a silo dies, its partitions are read again from the last one.</summary>
    public TimeSpan CheckpointInterval { get; }

    /// <summary>Where a partition with no checkpoint yet starts: false (the default) reads the hub's whole retention, so no chunk published before the first checkpoint is skipped.</summary>
    public bool StartFromNow { get; }

    public int? PrefetchCount { get; }

    public TimeSpan MinTimeInCache { get; }

    public TimeSpan MaxAgeInCache { get; }

    /// <summary>Points Orleans' options at the hub; the connection is made when the silo starts.</summary>
    public void Connect(EventHubOptions options) => _connect(options);

    public static EventHubStreamSettings? Read(SettingReader settings)
    {
        var before = settings.Failures.Count;
        var hub = settings.Text(HubNameKey);
        var consumerGroup = settings.Text(ConsumerGroupKey) ?? DefaultConsumerGroup;
        var connect = ReadConnection(settings, ref hub);
        if (hub is null)
        {
            settings.Failures.Add($"{HubNameKey} is empty; {CampaignStreamSettings.ProviderKey}={CampaignStreamSettings.EventHubs} needs the hub's name (or an EntityPath in {ConnectionStringKey}).");
        }
        else if (!IsEntityName(hub, 256))
        {
            settings.Failures.Add($"{HubNameKey} is '{hub}'; an Event Hub name is 1-256 letters, digits, periods, hyphens or underscores, starting and ending with a letter or digit.");
        }
        if (consumerGroup != DefaultConsumerGroup && !IsEntityName(consumerGroup, 50))
        {
            settings.Failures.Add($"{ConsumerGroupKey} is '{consumerGroup}'; a consumer group is {DefaultConsumerGroup} or 1-50 letters, digits, periods, hyphens or underscores, starting and ending with a letter or digit.");
        }

        var checkpointClient = AzureServiceClients.Read(settings, CheckpointSection, $"{CampaignStreamSettings.ProviderKey}={CampaignStreamSettings.EventHubs} (each partition's checkpoint is kept in Azure Table)",
            connectionString => new TableServiceClient(connectionString), (uri, credential) => new TableServiceClient(uri, credential));
        var table = settings.Text(CheckpointTableKey) ?? DefaultCheckpointTable;
        if (!AzureStorageNames.IsTableName(table))
        {
            settings.Failures.Add($"{CheckpointTableKey} is '{table}'; {AzureStorageNames.TableRule}.");
        }
        var interval = settings.Duration(CheckpointIntervalKey, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        var startFromNow = settings.Bool(StartFromNowKey, false);
        var prefetch = settings.OptionalInt(PrefetchCountKey, 1, 10_000);
        var minTime = settings.Duration(MinTimeInCacheKey, TimeSpan.FromMinutes(5), TimeSpan.Zero, TimeSpan.FromDays(1));
        var maxAge = settings.Duration(MaxAgeInCacheKey, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        if (minTime > maxAge)
        {
            settings.Failures.Add($"{MinTimeInCacheKey} is '{minTime:c}', longer than {MaxAgeInCacheKey} '{maxAge:c}'; an event cannot stay longer than it may age.");
        }
        if (connect is null || hub is null || checkpointClient is null || settings.Failures.Count > before)
        {
            return null;
        }
        return new EventHubStreamSettings(options => connect(options, hub, consumerGroup), checkpointClient, table, interval, startFromNow, prefetch, minTime, maxAge);
    }

    /// <summary>The hub's connection: a connection string (whose EntityPath, if any, names the hub) or a namespace with the silo's Azure identity.</summary>
    private static Action<EventHubOptions, string, string>? ReadConnection(SettingReader settings, ref string? hub)
    {
        var connectionString = settings.Text(ConnectionStringKey);
        var fullyQualifiedNamespace = settings.Text(NamespaceKey);
        if (connectionString is not null && fullyQualifiedNamespace is not null)
        {
            settings.Failures.Add($"{ConnectionStringKey} and {NamespaceKey} are both set; give one of them.");
            return null;
        }
        if (connectionString is not null)
        {
            EventHubsConnectionStringProperties properties;
            try
            {
                properties = EventHubsConnectionStringProperties.Parse(connectionString);
            }
            catch (Exception)
            {
                // Any exception: the SDK's parser throws IndexOutOfRangeException on some malformed strings, too.
                settings.Failures.Add($"{ConnectionStringKey} is not an Event Hubs connection string (the value is not shown, it may hold a key).");
                return null;
            }
            if (properties.Endpoint is null || (properties.SharedAccessSignature is null && (properties.SharedAccessKeyName is null || properties.SharedAccessKey is null)))
            {
                settings.Failures.Add($"{ConnectionStringKey} lacks Endpoint or SharedAccessKeyName/SharedAccessKey (the value is not shown); copy it from the namespace's or the hub's shared access policy.");
                return null;
            }
            if (properties.EventHubName is { Length: > 0 } entityPath)
            {
                if (hub is not null && !string.Equals(hub, entityPath, StringComparison.Ordinal))
                {
                    settings.Failures.Add($"{HubNameKey} is '{hub}' but {ConnectionStringKey} is for the hub '{entityPath}' (its EntityPath); drop one or make them agree.");
                    return null;
                }
                hub = entityPath;
                // The SDK refuses a hub name beside a string that already names one.
                return (options, _, group) => options.ConfigureEventHubConnection(connectionOptions => new EventHubConnection(connectionString, connectionOptions), entityPath, group);
            }
            return (options, name, group) => options.ConfigureEventHubConnection(connectionString, name, group);
        }
        if (fullyQualifiedNamespace is not null)
        {
            if (Uri.CheckHostName(fullyQualifiedNamespace) != UriHostNameType.Dns || !fullyQualifiedNamespace.Contains('.', StringComparison.Ordinal))
            {
                settings.Failures.Add($"{NamespaceKey} is '{fullyQualifiedNamespace}'; it must be the namespace's host name, for example my-namespace.servicebus.windows.net.");
                return null;
            }
            var credential = new DefaultAzureCredential();
            return (options, name, group) => options.ConfigureEventHubConnection(fullyQualifiedNamespace, name, group, credential);
        }
        settings.Failures.Add($"{ConnectionStringKey} is empty; {CampaignStreamSettings.ProviderKey}={CampaignStreamSettings.EventHubs} needs it, or {NamespaceKey} to sign in with the silo's Azure identity.");
        return null;
    }

    private static bool IsEntityName(string name, int maxLength) =>
        name.Length >= 1 && name.Length <= maxLength
        && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}
