using Notifications.Grains.Operations;

namespace Notifications.Grains;

/// <summary>
/// Where every silo reports its activity every few seconds, so any silo can answer for the whole cluster. One
/// activation (key <see cref="Key"/>); it keeps the latest report of each silo in memory only: after it moves to
/// another silo it is whole again within one report interval.
/// </summary>
public interface IOperationsGrain : IGrainWithStringKey
{
    public const string Key = "cluster";

    Task ReportAsync(SiloActivityReport report);

    /// <summary>The latest report of every silo that reported within <paramref name="maxAge"/>.</summary>
    Task<IReadOnlyList<SiloActivityReport>> GetReportsAsync(TimeSpan maxAge);
}
