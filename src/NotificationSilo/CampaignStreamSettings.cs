namespace NotificationSilo;

/// <summary>
/// Campaigns:Streams:Provider and the chosen provider's settings, read while the host is built because they decide
/// which stream provider is registered. With any <see cref="Failures"/> no provider is registered (so nothing connects)
/// and the silo's start fails naming every bad setting.
/// </summary>
internal sealed class CampaignStreamSettings
{
    public const string ProviderKey = "Campaigns:Streams:Provider";

    /// <summary>The queue in the storage provider's own database: SQLite (embedded) or PostgreSQL (cluster).</summary>
    public const string Storage = "Storage";
    public const string AzureQueue = "AzureQueue";
    public const string EventHubs = "EventHubs";

    private CampaignStreamSettings(string provider, AzureQueueStreamSettings? azureQueue, EventHubStreamSettings? eventHubs, IReadOnlyList<string> failures)
    {
        Provider = provider;
        AzureQueueSettings = azureQueue;
        EventHubSettings = eventHubs;
        Failures = failures;
    }

    /// <summary><see cref="Storage"/>, <see cref="AzureQueue"/> or <see cref="EventHubs"/>.</summary>
    public string Provider { get; }

    public AzureQueueStreamSettings? AzureQueueSettings { get; }

    public EventHubStreamSettings? EventHubSettings { get; }

    public IReadOnlyList<string> Failures { get; }

    public static CampaignStreamSettings Read(IConfiguration configuration)
    {
        var failures = new List<string>();
        var settings = new SettingReader(configuration, failures);
        var provider = settings.Text(ProviderKey) ?? Storage;
        if (string.Equals(provider, AzureQueue, StringComparison.OrdinalIgnoreCase))
        {
            return Result(AzureQueue, AzureQueueStreamSettings.Read(settings), null, failures);
        }
        if (string.Equals(provider, EventHubs, StringComparison.OrdinalIgnoreCase))
        {
            return Result(EventHubs, null, EventHubStreamSettings.Read(settings), failures);
        }
        if (!string.Equals(provider, Storage, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{ProviderKey} is '{provider}'; it must be {Storage} (the default: the queue in Storage:Provider's database), {AzureQueue} or {EventHubs}.");
        }
        return Result(Storage, null, null, failures);
    }

    private static CampaignStreamSettings Result(string provider, AzureQueueStreamSettings? azureQueue, EventHubStreamSettings? eventHubs, List<string> failures) =>
        failures.Count > 0 ? new CampaignStreamSettings(provider, null, null, failures) : new CampaignStreamSettings(provider, azureQueue, eventHubs, []);
}
