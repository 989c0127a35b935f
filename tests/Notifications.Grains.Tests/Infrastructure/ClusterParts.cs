using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Notifications.Testing;

namespace Notifications.Grains.Tests.Infrastructure;

/// <summary>
/// What every silo of one test cluster shares with the test: the clock and the effect-store fault switch.
/// TestCluster creates configurators with <c>new()</c>, so they find these through a key in the cluster's configuration.
/// </summary>
public sealed class ClusterParts(ManualTimeProvider clock, StoreFaults faults)
{
    public const string KeySetting = "Test:ClusterParts";

    private static readonly ConcurrentDictionary<string, ClusterParts> Registered = new(StringComparer.Ordinal);

    public ManualTimeProvider Clock { get; } = clock;

    public StoreFaults Faults { get; } = faults;

    public string Register()
    {
        var key = Guid.NewGuid().ToString("N");
        Registered[key] = this;
        return key;
    }

    public static void Unregister(string key) => Registered.TryRemove(key, out _);

    public static ClusterParts Of(IConfiguration configuration) =>
        configuration[KeySetting] is { } key && Registered.TryGetValue(key, out var parts)
            ? parts
            : throw new InvalidOperationException($"The silo's configuration names no registered test cluster ({KeySetting}).");
}
