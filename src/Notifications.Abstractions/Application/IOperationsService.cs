using Notifications.Api.Operations;

namespace Notifications.Application;

/// <summary>The cluster's health and activity for operators; the console and its admin API read only this.</summary>
public interface IOperationsService
{
    Task<OperationsSnapshot> GetSnapshotAsync(CancellationToken cancellationToken);
}
