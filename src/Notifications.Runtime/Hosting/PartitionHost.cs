using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Notifications.Runtime.Partitions;
using Notifications.Runtime.Storage;
using Notifications.Runtime.Templates;

namespace Notifications.Runtime.Hosting;

/// <summary>
/// Starts the silo: migrates storage, loads templates, takes every partition's lease (embedded mode owns
/// them all), runs one processor per partition and the timer pump that wakes partitions whose timers came due.
/// </summary>
internal sealed class PartitionHost(
    IStorageInitializer storage,
    ISettingsStore settings,
    TemplateRegistry templates,
    IPartitionStore store,
    PartitionRuntime runtime,
    PartitionDirectory directory,
    TimerPump timerPump,
    SiloReadiness readiness,
    IOptions<SiloOptions> options,
    ILogger<PartitionHost> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Storage and templates must be usable before the gateway accepts the first request.
        await storage.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await CheckPartitionCountAsync(cancellationToken).ConfigureAwait(false);
        await templates.LoadAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Streams and timers are stored by partition: a silo started with another count would leave some of them
    /// unowned forever. The first start fixes the count for the life of the database.
    /// </summary>
    private async Task CheckPartitionCountAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var stored = await settings.GetOrAddAsync(PartitionCountSetting, configured, cancellationToken).ConfigureAwait(false);
        if (stored != configured)
        {
            throw new InvalidOperationException(
                $"Silo:Partitions is {configured} but this database was created with {stored} partitions. Set Silo:Partitions to {stored}; the count cannot change once data exists.");
        }
    }

    internal const string PartitionCountSetting = "silo.partitions";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var silo = options.Value.EffectiveSiloId;
        var running = new List<Task>();
        for (var partition = 0; partition < options.Value.Partitions; partition++)
        {
            var epoch = await store.AcquireAsync(partition, silo, stoppingToken).ConfigureAwait(false);
            var processor = new PartitionProcessor(partition, epoch, runtime);
            directory.Add(processor);
            running.Add(Task.Run(() => processor.RunAsync(stoppingToken), stoppingToken));
        }
        running.Add(Task.Run(() => timerPump.RunAsync(stoppingToken), stoppingToken));
        readiness.MarkReady();
        logger.LogInformation("Silo {Silo} owns {Partitions} partitions and is ready.", silo, options.Value.Partitions);
        await Task.WhenAll(running).ConfigureAwait(false);
    }
}
