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
/// reaches nobody twice. Asks the campaign before every <see cref="CampaignOptions.SendConcurrency"/> sends, so a pause
/// stops it within that many; reports the chunk done once every recipient's grain answered, or, held by a pause or past
/// <see cref="CampaignOptions.ChunkBudget"/>, how far it got.
/// </summary>
[ImplicitStreamSubscription(CampaignStreams.Namespace)]
internal sealed partial class CampaignChunkConsumerGrain(
    UserGrains users,
    CampaignSendGate gate,
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
        var concurrency = options.Value.Campaigns.SendConcurrency;
        var stopAt = time.GetUtcNow() + options.Value.Campaigns.ChunkBudget;
        // A window of sends rather than slices: one slow recipient (a cold activation) does not hold up the next ones.
        using var slots = new SemaphoreSlim(concurrency, concurrency);
        var sends = new Task<bool>[item.UserIds.Count];
        CampaignDefinition? definition = null;
        for (var i = 0; i < item.UserIds.Count; i++)
        {
            // The slot first, then the question: a pause that comes while this send waits for room still stops it.
            await slots.WaitAsync().ConfigureAwait(true);
            if (i % concurrency == 0)
            {
                var outOfTime = i > 0 && time.GetUtcNow() >= stopAt;
                var permit = outOfTime ? null : await campaign.AdmitAsync(item.Sequence).ConfigureAwait(true);
                if (permit?.Decision != CampaignChunkPermit.Send)
                {
                    slots.Release();
                    // What is already on its way finishes first. Held (paused) or out of time: the campaign keeps the rest
                    // of the chunk and sends only that again, however long a pause outlasts the recipients' idempotency
                    // marks. Dropped (cancelled, done): nothing to report.
                    var finished = await Task.WhenAll(sends.Take(i)).ConfigureAwait(true);
                    if ((outOfTime || permit?.Decision == CampaignChunkPermit.Hold) && i > 0)
                    {
                        await campaign.ChunkStoppedAsync(item.Sequence, item.UserIds[i - 1], FailedOf(item, finished)).ConfigureAwait(true);
                    }
                    return;
                }
                definition = permit.Definition!;
            }
            await gate.WaitAsync().ConfigureAwait(true);
            sends[i] = SendAsync(item.CampaignId, definition!, item.UserIds[i], slots);
        }
        var sent = await Task.WhenAll(sends).ConfigureAwait(true);
        await campaign.ChunkDoneAsync(item.Sequence, FailedOf(item, sent)).ConfigureAwait(true);
    }

    /// <summary>The recipients among the first <c>sent.Length</c> of the chunk whose grain did not take the send.</summary>
    private static List<string> FailedOf(CampaignChunk item, bool[] sent)
    {
        var failed = new List<string>();
        for (var i = 0; i < sent.Length; i++)
        {
            if (!sent[i])
            {
                failed.Add(item.UserIds[i]);
            }
        }
        return failed;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    private async Task<bool> SendAsync(Guid campaignId, CampaignDefinition definition, string userId, SemaphoreSlim slots)
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
        finally
        {
            gate.Release();
            slots.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId}: the grain of user {UserId} could not take the send; the campaign tries again.")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, Guid campaignId, string userId);
}
