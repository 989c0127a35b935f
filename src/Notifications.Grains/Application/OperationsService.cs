using Microsoft.Extensions.Options;
using Notifications.Api.Operations;
using Notifications.Delivery;
using Notifications.Grains;
using Notifications.Grains.Hosting;
using Notifications.Grains.Operations;
using Notifications.Grains.Storage;
using Orleans.Runtime;

namespace Notifications.Application;

/// <summary>
/// Merges the silos' activity reports with what membership and the outbox say. Counters are summed over silos;
/// a provider's circuit shows the worst state any silo has; silos that stopped reporting drop out of the counters
/// (their totals go with them, which the console shows as a silo gone rather than as a negative rate).
/// </summary>
internal sealed class OperationsService(IGrainFactory grains, IDeliveryStore deliveries, IOptions<SiloOptions> options, TimeProvider time) : IOperationsService
{
    private static readonly string[] CircuitSeverity = ["closed", "halfOpen", "isolated", "open"];

    public TimeSpan RefreshInterval => options.Value.Operations.ReportInterval;

    public async Task<OperationsSnapshot> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        var maxAge = options.Value.Operations.ReportInterval * 5;
        var reportsTask = grains.GetGrain<IOperationsGrain>(IOperationsGrain.Key).GetReportsAsync(maxAge);
        var silosTask = SilosAsync();
        var outboxTask = deliveries.CountOutboxAsync(cancellationToken);
        await Task.WhenAll(reportsTask, silosTask, outboxTask).WaitAsync(cancellationToken).ConfigureAwait(false);
        var reports = reportsTask.Result;
        var reporting = reports.Select(r => r.Silo).ToHashSet(StringComparer.Ordinal);
        var silos = silosTask.Result.Select(s => s with { ReportsActivity = reporting.Contains(s.Address) }).ToList();
        return new OperationsSnapshot(time.GetUtcNow(), silos, Lanes(reports), Channels(reports, outboxTask.Result), Providers(reports), outboxTask.Result.DeadLetters);
    }

    private async Task<IReadOnlyList<SiloStatusView>> SilosAsync()
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false).ConfigureAwait(false);
        var active = hosts.Where(h => h.Status == SiloStatus.Active).Select(h => h.SiloAddress).ToArray();
        var statistics = active.Length == 0 ? [] : await management.GetRuntimeStatistics(active).ConfigureAwait(false);
        var load = active.Zip(statistics).ToDictionary(p => p.First, p => p.Second);
        return [.. hosts
            .Where(h => h.Status != SiloStatus.Dead || h.IAmAliveTime > time.GetUtcNow().UtcDateTime.AddHours(-1))
            .OrderBy(h => h.SiloName, StringComparer.Ordinal)
            .Select(h =>
            {
                load.TryGetValue(h.SiloAddress, out var stats);
                return new SiloStatusView(h.SiloAddress.ToParsableString(), h.SiloName, h.HostName, StatusName(h.Status),
                    h.StartTime == default ? null : new DateTimeOffset(DateTime.SpecifyKind(h.StartTime, DateTimeKind.Utc)),
                    stats?.ActivationCount, stats?.EnvironmentStatistics.FilteredCpuUsagePercentage, stats?.EnvironmentStatistics.FilteredMemoryUsageBytes, ReportsActivity: false);
            })];
    }

    private static string StatusName(SiloStatus status) => status switch
    {
        SiloStatus.Active => "active",
        SiloStatus.Joining or SiloStatus.Created => "joining",
        SiloStatus.ShuttingDown or SiloStatus.Stopping => "stopping",
        SiloStatus.Dead => "dead",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static IReadOnlyList<LaneActivity> Lanes(IReadOnlyList<SiloActivityReport> reports) =>
        [.. Enum.GetValues<Priority>().Select(lane =>
        {
            var rows = reports.SelectMany(r => r.Lanes).Where(l => l.Lane == lane).ToList();
            var buckets = new long[LatencyBuckets.UpperBoundsMs.Count + 1];
            foreach (var row in rows)
            {
                for (var i = 0; i < Math.Min(buckets.Length, row.LatencyBuckets.Count); i++)
                {
                    buckets[i] += row.LatencyBuckets[i];
                }
            }
            return new LaneActivity(lane, rows.Sum(r => r.Accepted), rows.Sum(r => r.Suppressed), rows.Sum(r => r.Deferred), rows.Sum(r => r.Digested),
                rows.Sum(r => r.Delivered), rows.Sum(r => r.Failed), LatencyBuckets.Quantile(buckets, 0.5), LatencyBuckets.Quantile(buckets, 0.99));
        })];

    private static IReadOnlyList<ChannelActivity> Channels(IReadOnlyList<SiloActivityReport> reports, OutboxDepth outbox)
    {
        var counted = reports.SelectMany(r => r.Channels).GroupBy(c => (c.Channel, c.Lane)).ToDictionary(g => g.Key, g => g.ToList());
        return [.. counted.Keys.Union(outbox.Waiting.Keys)
            .OrderBy(k => k.Channel).ThenBy(k => k.Lane)
            .Select(key =>
            {
                var rows = counted.GetValueOrDefault(key) ?? [];
                return new ChannelActivity(key.Channel, key.Lane, rows.Sum(r => r.Delivered), rows.Sum(r => r.Retried), rows.Sum(r => r.Failed),
                    rows.Sum(r => r.DeadLettered), outbox.Waiting.GetValueOrDefault(key));
            })];
    }

    private static IReadOnlyList<ProviderHealthView> Providers(IReadOnlyList<SiloActivityReport> reports) =>
        [.. reports.SelectMany(r => r.Providers).GroupBy(p => p.Channel).OrderBy(g => g.Key).Select(g =>
        {
            var failures = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (kind, count) in g.SelectMany(p => p.FailuresByKind))
            {
                failures[kind] = failures.GetValueOrDefault(kind) + count;
            }
            var circuit = g.Select(p => p.Circuit).MaxBy(c => Array.IndexOf(CircuitSeverity, c)) ?? "closed";
            var recent = g.SelectMany(p => p.RecentErrors).OrderByDescending(e => e.At).Take(10).ToList();
            return new ProviderHealthView(g.Key, circuit, g.Sum(p => p.Attempts), g.Sum(p => p.Sent), failures, recent);
        })];
}
