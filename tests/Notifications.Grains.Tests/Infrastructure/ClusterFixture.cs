using Microsoft.Extensions.DependencyInjection;
using Notifications.Api;
using Notifications.Testing;
using Orleans.TestingHost;

namespace Notifications.Grains.Tests.Infrastructure;

/// <summary>
/// Three in-process silos on one SQLite file and one manual clock, for the whole suite. Tests keep apart by using
/// their own users; the clock only moves forward, so a test computes its instants from <see cref="Clock"/>.
/// The cluster profiles (Redis membership, Azure Table grain state) derive from it and start their servers first.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    public const int SiloCount = 3;
    /// <summary>Burst of the per-user token bucket in this cluster: small enough to overflow, large enough for the other tests.</summary>
    public const int RateLimitCapacity = 10;
    public const int CampaignChunkSize = 4;
    public const int CampaignMaxChunksInFlight = 4;
    /// <summary>A consumer asks its campaign before every send, so a pause can catch a chunk part way.</summary>
    public const int CampaignSendConcurrency = 1;

    private readonly TempDirectory _directory = new("grains-tests");
    private string? _partsKey;

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public StoreFaults Faults { get; } = new();

    public TestCluster Cluster { get; private set; } = null!;

    public string DatabasePath => _directory.File("cluster.db");

    public async Task InitializeAsync()
    {
        _partsKey = new ClusterParts(Clock, Faults).Register();
        var builder = new TestClusterBuilder(SiloCount);
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[ClusterParts.KeySetting] = _partsKey;
        builder.Properties["Storage:Sqlite:Path"] = DatabasePath;
        builder.Properties["Storage:Sqlite:Synchronous"] = "NORMAL";
        builder.Properties["Storage:Sqlite:CacheSizeMb"] = "16";
        builder.Properties["Silo:Grain:RateLimitCapacity"] = RateLimitCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Campaigns of a few dozen users still travel in many chunks, more than may be in flight at once.
        builder.Properties["Silo:Campaigns:ChunkSize"] = CampaignChunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Properties["Silo:Campaigns:MaxChunksInFlight"] = CampaignMaxChunksInFlight.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Properties["Silo:Campaigns:SendConcurrency"] = CampaignSendConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await ConfigureAsync(builder);
        builder.AddSiloBuilderConfigurator<NotificationSiloConfigurator>();
        builder.AddClientBuilderConfigurator<ContractClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        if (_partsKey is not null)
        {
            ClusterParts.Unregister(_partsKey);
        }
        await StopServersAsync();
        _directory.Dispose();
    }

    /// <summary>Starts what the profile's silos connect to and names it in their configuration.</summary>
    protected virtual Task ConfigureAsync(TestClusterBuilder builder) => Task.CompletedTask;

    protected virtual Task StopServersAsync() => Task.CompletedTask;

    /// <summary>The application services of one running silo (0 is the primary, which hosts the test membership).</summary>
    public SiloApi Silo(int index) => new(Cluster.Silos[index]);

    public IUserGrain Grain(string userId) => Cluster.GrainFactory.GetGrain<IUserGrain>(userId);

    /// <summary>The silo hosting the user's activation, if it has one.</summary>
    public async Task<SiloHandle?> HostOfAsync(string userId)
    {
        var address = await Cluster.GrainFactory.GetGrain<IManagementGrain>(0).GetActivationAddress(Grain(userId));
        return address is null ? null : Cluster.Silos.SingleOrDefault(s => s.SiloAddress.Equals(address));
    }

    public Task<InboxPage> InboxAsync(string userId) => Silo(0).Inbox.ListAsync(userId, null, 100, default);

    public Task<InboxPage> WaitForInboxAsync(string userId, int count, string why) =>
        Eventually.Until(() => InboxAsync(userId), page => page.Notifications.Count >= count, why);

    public Task<NotificationView?> NotificationAsync(Guid id) => Silo(0).Notifications.GetAsync(id, default);

    public Task<NotificationView?> WaitForStatusAsync(Guid id, string status) =>
        Eventually.Until(() => NotificationAsync(id), view => view?.Status == status, $"notification {id} to be {status}");

    public static string NewUser(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}

/// <summary>The services a gateway on this silo would call.</summary>
public sealed class SiloApi(SiloHandle silo)
{
    public IServiceProvider Services { get; } = ((InProcessSiloHandle)silo).SiloHost.Services;

    public Notifications.Application.INotificationService Notifications => Services.GetRequiredService<Notifications.Application.INotificationService>();

    public Notifications.Application.IUserService Users => Services.GetRequiredService<Notifications.Application.IUserService>();

    public Notifications.Application.IInboxService Inbox => Services.GetRequiredService<Notifications.Application.IInboxService>();

    public Notifications.Application.IOperationsService Operations => Services.GetRequiredService<Notifications.Application.IOperationsService>();

    public Notifications.Application.ICampaignService Campaigns => Services.GetRequiredService<Notifications.Application.ICampaignService>();

    public Notifications.Application.ISegmentService Segments => Services.GetRequiredService<Notifications.Application.ISegmentService>();
}
