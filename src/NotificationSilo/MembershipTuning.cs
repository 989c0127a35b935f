using Orleans.Configuration;

namespace NotificationSilo;

/// <summary>
/// How fast the cluster declares a silo dead. Orleans' defaults (probe timeout 5 s, 3 missed probes, table refresh
/// 60 s) took ~13 s on Redis before a killed silo's grains answered elsewhere; these took ~2 s on this machine kind,
/// inside the 5 s promise. The price is a false suspicion under a long GC pause or a saturated network, which costs a
/// silo restart, never data: a stale activation's writes fail on their ETag.
/// </summary>
internal static class MembershipTuning
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);
    public const int NumMissedProbesLimit = 2;
    public static readonly TimeSpan TableRefreshTimeout = TimeSpan.FromSeconds(5);

    public static void Apply(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = ProbeTimeout;
        options.NumMissedProbesLimit = NumMissedProbesLimit;
        options.TableRefreshTimeout = TableRefreshTimeout;
    }
}
