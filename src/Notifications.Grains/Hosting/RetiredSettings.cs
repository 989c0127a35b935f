using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Notifications.Grains.Hosting;

/// <summary>
/// Settings of the runtime Orleans replaced. A configuration that still sets one keeps working, and start-up says
/// that it is ignored and why, so an operator is not left tuning a knob that does nothing.
/// </summary>
internal sealed partial class RetiredSettings(IConfiguration configuration, ILogger<RetiredSettings> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public static readonly IReadOnlyDictionary<string, string> Reasons = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Silo:Partitions"] = "Orleans places user grains itself; there are no partitions any more",
        ["Grpc:ProducerCallsPerSecond"] = "each API key carries its own quota, on REST and gRPC alike (the key's quota, set when it is created)",
        ["Grpc:ProducerBurst"] = "each API key carries its own quota, on REST and gRPC alike (the key's quota, set when it is created)",
        ["Silo:BatchSize"] = "each call is one grain turn; the SQLite store groups concurrent writes by itself (Storage:Sqlite:MaxWritesPerTransaction)",
    };

    public IReadOnlyList<string> Found() => Reasons.Keys.Where(key => configuration[key] is not null).ToList();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RetiredSettings), ServiceLifecycleStage.RuntimeInitialize, _ =>
        {
            foreach (var key in Found())
            {
                LogRetired(logger, key, configuration[key], Reasons[key]);
            }
            return Task.CompletedTask;
        });

    [LoggerMessage(Level = LogLevel.Warning, Message = "The setting {Setting} = '{Value}' is retired and ignored: {Reason}. Remove it from the configuration.")]
    private static partial void LogRetired(ILogger logger, string setting, string? value, string reason);
}
