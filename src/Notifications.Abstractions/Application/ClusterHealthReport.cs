namespace Notifications.Application;

/// <param name="ThisSiloActive">Whether the cluster's membership lists this silo as active.</param>
/// <param name="ActiveSilos">How many silos the membership lists as active, this one included.</param>
/// <param name="GrainStorageProblem">Why a read of grain state failed, or null when it answered.</param>
/// <param name="RecordStoreProblem">Why a read of the record store failed, or null when it answered.</param>
public sealed record ClusterHealthReport(bool ThisSiloActive, int ActiveSilos, string? GrainStorageProblem, string? RecordStoreProblem)
{
    public bool Healthy => ThisSiloActive && GrainStorageProblem is null && RecordStoreProblem is null;
}
