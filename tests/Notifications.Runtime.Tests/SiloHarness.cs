using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Notifications.Api;
using Notifications.Runtime.Application;
using Notifications.Runtime.Hosting;
using Notifications.Runtime.Storage;
using Notifications.Testing;

namespace Notifications.Runtime.Tests;

/// <summary>A whole embedded silo without HTTP, on a SQLite file and a clock the test moves. Restartable on the same file.</summary>
internal sealed class SiloHarness : IAsyncDisposable
{
    private readonly TempDirectory _directory = new("runtime");

    private IHost? _host;

    public SiloHarness(ManualTimeProvider time, Dictionary<string, string?>? settings = null)
    {
        Time = time;
        Settings = new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = _directory.File("silo.db"),
            ["Storage:Sqlite:Synchronous"] = "NORMAL",
            ["Silo:Partitions"] = "8",
        };
        foreach (var (key, value) in settings ?? [])
        {
            Settings[key] = value;
        }
    }

    public ManualTimeProvider Time { get; }
    /// <summary>Configuration of the next start; a test may change it between restarts.</summary>
    public Dictionary<string, string?> Settings { get; }
    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The silo is not running.");
    public INotificationService Notifications => Services.GetRequiredService<INotificationService>();
    public IUserService Users => Services.GetRequiredService<IUserService>();
    public IInboxService Inbox => Services.GetRequiredService<IInboxService>();
    public ITemplateService Templates => Services.GetRequiredService<ITemplateService>();
    public FlakyPartitionStore Store => Services.GetRequiredService<FlakyPartitionStore>();

    public async Task StartAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddNotificationRuntime(builder.Configuration).AddSqliteStorage(builder.Configuration);
        // The real store behind a switch that can make one load or commit fail, to prove nothing is lost when one does.
        var real = builder.Services.Single(d => d.ServiceType == typeof(IPartitionStore));
        builder.Services.Remove(real);
        builder.Services.AddSingleton(real.ImplementationType!);
        builder.Services.AddSingleton(sp => new FlakyPartitionStore((IPartitionStore)sp.GetRequiredService(real.ImplementationType!)));
        builder.Services.AddSingleton<IPartitionStore>(sp => sp.GetRequiredService<FlakyPartitionStore>());
        _host = builder.Build();
        await _host.StartAsync();
        var readiness = _host.Services.GetRequiredService<ISiloReadiness>();
        await Eventually.Until(() => readiness.IsReady, "the silo to own its partitions");
    }

    public async Task StopAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
            _host = null;
        }
    }

    public Task<InboxPage> WaitForInboxAsync(string userId, int count, string why) =>
        Eventually.Until(() => Inbox.ListAsync(userId, null, 100, default), page => page.Notifications.Count >= count, why);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _directory.Dispose();
    }
}
