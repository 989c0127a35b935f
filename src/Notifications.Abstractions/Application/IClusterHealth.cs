namespace Notifications.Application;

/// <summary>What /readyz reports beyond start-up: this silo's membership and whether its stores answer.</summary>
public interface IClusterHealth
{
    Task<ClusterHealthReport> CheckAsync(CancellationToken cancellationToken);
}
