using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Notifications.Application;
using Notifications.Grains.Hosting;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Notifications.Grains.Campaigns;

/// <summary>
/// Turns a campaign's chunks into user-grain sends: each recipient is one turn of their own grain, with the campaign
/// × user idempotency key, so each user's preferences, quiet hours, rate limit and digests apply and a chunk sent twice
/// reaches nobody twice. Asks the campaign before each slice of sends, so a pause stops it between slices; reports the
/// chunk done once every recipient's grain answered.
/// </summary>
[ImplicitStreamSubscription(CampaignStreams.Namespace)]
internal sealed partial class CampaignChunkConsumerGrain(
    UserGrains users,
    ITemplateService templates,
    IOptions<SiloOptions> options,
    TimeProvider time,
    ILogger<CampaignChunkConsumerGrain> logger) : Grain, ICampaignChunkConsumerGrain, IStreamSubscriptionObserver, IAsyncObserver<CampaignChunk>
{
    private readonly SendRequestValidator _validator = new(templates, options.Value);

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<CampaignChunk>().ResumeAsync(this);

    public async Task OnNextAsync(CampaignChunk item, StreamSequenceToken? token = null)
    {
        var campaign = GrainFactory.GetGrain<ICampaignGrain>(item.CampaignId);
        var failed = new List<string>();
        var concurrency = options.Value.Campaigns.SendConcurrency;
        for (var start = 0; start < item.UserIds.Count; start += concurrency)
        {
            var permit = await campaign.AdmitAsync(item.Sequence).ConfigureAwait(true);
            if (permit.Decision != CampaignChunkPermit.Send)
            {
                // Held (paused: the campaign publishes it again on resume) or dropped (cancelled, done): nothing to report.
                return;
            }
            var slice = item.UserIds.Skip(start).Take(concurrency).ToList();
            var sent = await Task.WhenAll(slice.Select(user => SendAsync(item.CampaignId, permit.Definition!, user))).ConfigureAwait(true);
            for (var i = 0; i < slice.Count; i++)
            {
                if (!sent[i])
                {
                    failed.Add(slice[i]);
                }
            }
        }
        await campaign.ChunkDoneAsync(item.Sequence, failed).ConfigureAwait(true);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    private async Task<bool> SendAsync(Guid campaignId, CampaignDefinition definition, string userId)
    {
        try
        {
            var now = time.GetUtcNow();
            var request = definition.Send with { UserId = userId, IdempotencyKey = CampaignIdempotency.Key(campaignId) };
            var command = _validator.Resolve(request, Guid.CreateVersion7(now), now) with { CampaignId = campaignId };
            await users.Get(userId).NotifyAsync(command).ConfigureAwait(true);
            return true;
        }
        catch (Exception exception)
        {
            LogSendFailed(logger, exception, campaignId, userId);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId}: the grain of user {UserId} could not take the send; the campaign tries again.")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, Guid campaignId, string userId);
}
