using Notifications.Api;

namespace Notifications.Application;

/// <summary>
/// Campaigns: created (validated whole, nothing created on bad input: <see cref="ValidationFailedException"/>), listed,
/// read with live progress, and moved through their lifecycle (<see cref="CampaignCommands"/>).
/// </summary>
public interface ICampaignService
{
    Task<CampaignCreated> CreateAsync(CreateCampaignRequest? request, CancellationToken cancellationToken);

    Task<CampaignList> ListAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Null when there is no such campaign.</summary>
    Task<CampaignView?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>One of <see cref="CampaignCommands"/>; the outcome says whether the campaign exists and allowed it.</summary>
    Task<CampaignCommandResult> RunAsync(Guid id, string command, CancellationToken cancellationToken);
}
