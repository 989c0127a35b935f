using Notifications.Api.Operations;

namespace Notifications.Application;

/// <summary>The cluster's health and activity for operators; the console and its admin API read only this.</summary>
public interface IOperationsService
{
    /// <summary>How often the silos report: a live view gains nothing from asking more often.</summary>
    TimeSpan RefreshInterval { get; }

    Task<OperationsSnapshot> GetSnapshotAsync(CancellationToken cancellationToken);
}
