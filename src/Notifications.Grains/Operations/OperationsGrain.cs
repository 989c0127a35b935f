using Notifications.Grains.Operations;

namespace Notifications.Grains.Operations;

[GrainType("operations")]
internal sealed class OperationsGrain(TimeProvider time) : Grain, IOperationsGrain
{
    private readonly Dictionary<string, SiloActivityReport> _latest = new(StringComparer.Ordinal);

    public Task ReportAsync(SiloActivityReport report)
    {
        _latest[report.Silo] = report;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SiloActivityReport>> GetReportsAsync(TimeSpan maxAge)
    {
        var oldest = time.GetUtcNow() - maxAge;
        foreach (var gone in _latest.Where(r => r.Value.At < oldest).Select(r => r.Key).ToList())
        {
            _latest.Remove(gone);
        }
        return Task.FromResult<IReadOnlyList<SiloActivityReport>>([.. _latest.Values]);
    }
}
