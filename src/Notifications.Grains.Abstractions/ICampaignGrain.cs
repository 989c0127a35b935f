using Notifications.Api;
using Notifications.Application;
using Notifications.Grains.Campaigns;

namespace Notifications.Grains;

/// <summary>
/// One campaign: definition, schedule, status, segment cursor and the chunks in flight. It pages its segment from the
/// user directory and publishes chunks on the campaign stream provider, at its rate, while running.
/// </summary>
public interface ICampaignGrain : IGrainWithGuidKey
{
    /// <summary>Creates the campaign (draft, or scheduled when it has a schedule). A refusal when it exists already.</summary>
    Task<CampaignCommandResult> CreateAsync(CampaignDefinition definition);

    /// <summary>
    /// Null when the campaign was never created. Its progress holds only what the grain knows: targeted, and as
    /// failed the recipients it could not hand on; the campaign service adds the funnel counted from the records.
    /// </summary>
    Task<CampaignView?> GetAsync();

    /// <summary>One of <see cref="CampaignCommands"/>.</summary>
    Task<CampaignCommandResult> RunAsync(string command);

    /// <summary>Asked by the consumer before it sends a chunk.</summary>
    Task<CampaignChunkPermit> AdmitAsync(long sequence);

    /// <summary>The consumer sent the chunk; <paramref name="failedUserIds"/> are recipients whose grain could not take it.</summary>
    Task ChunkDoneAsync(long sequence, IReadOnlyList<string> failedUserIds);

    /// <summary>
    /// The consumer stopped part way through the chunk, held by a pause or out of its time budget: every recipient of
    /// its copy up to and including <paramref name="through"/> (in user-id order) has had its send,
    /// <paramref name="failedUserIds"/> among them could not take it. The campaign keeps only the rest of the chunk in
    /// flight and publishes that again while it runs.
    /// </summary>
    Task ChunkStoppedAsync(long sequence, string through, IReadOnlyList<string> failedUserIds);

    /// <summary>The campaign's own clock: publishes what its rate allows now. Called by its timer and reminder.</summary>
    Task TickAsync();

    /// <summary>Nothing but the activation: a running or scheduled campaign arms its clock when it is activated.</summary>
    Task WakeAsync();
}
