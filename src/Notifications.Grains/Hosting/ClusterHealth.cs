using Microsoft.Extensions.DependencyInjection;
using Notifications.Application;
using Notifications.Grains.Storage;
using Notifications.Grains.Users;
using Orleans.Runtime;
using Orleans.Storage;

namespace Notifications.Grains.Hosting;

/// <summary>
/// Membership from this silo's view of the cluster (no call to anyone); storage by one cheap read each of grain state
/// (a probe grain id nobody uses) and of the record store (an API-key lookup by a hash no key has), each bounded by
/// <see cref="ProbeTimeout"/> so a hung store makes the silo unready instead of hanging the probe.
/// </summary>
internal sealed class ClusterHealth(
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    IServiceProvider services,
    IApiKeyStore records) : IClusterHealth
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);
    private static readonly GrainId Probe = GrainId.Create("readiness-probe", "probe");

    public async Task<ClusterHealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var snapshot = membership.CurrentSnapshot;
        var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        var thisActive = snapshot.GetSiloStatus(silo.SiloAddress) == SiloStatus.Active;
        // Resolved here, not injected: a misconfigured profile registers no grain storage, and its start-up error must be
        // the configuration's message, not the container's complaint about this service.
        var grainProblem = ProblemOf(() => services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Users).ReadStateAsync("readiness", Probe, new GrainState<UserGrainState>()), cancellationToken);
        var recordProblem = ProblemOf(() => records.FindByHashAsync("readiness-probe", cancellationToken), cancellationToken);
        return new ClusterHealthReport(thisActive, active, await grainProblem.ConfigureAwait(false), await recordProblem.ConfigureAwait(false));
    }

    private static async Task<string?> ProblemOf(Func<Task> read, CancellationToken cancellationToken)
    {
        try
        {
            await read().WaitAsync(ProbeTimeout, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (TimeoutException)
        {
            return $"no answer within {ProbeTimeout.TotalSeconds:0} s";
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return exception.GetBaseException().Message;
        }
    }
}
