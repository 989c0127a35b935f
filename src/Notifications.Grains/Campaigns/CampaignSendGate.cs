using Microsoft.Extensions.Options;
using Notifications.Grains.Hosting;

namespace Notifications.Grains.Campaigns;

/// <summary>
/// The silo's bound on campaign sends in flight, over every chunk consumer of every campaign: like the gateway's
/// admission of the bulk lane, it keeps a blast's backlog out of the scheduler and thread pool that a critical turn
/// shares, so each campaign's own concurrency can stay high without the sum of them taking the silo.
/// </summary>
internal sealed class CampaignSendGate(IOptions<SiloOptions> options)
{
    private readonly SemaphoreSlim _gate = new(options.Value.Campaigns.MaxSendsInFlight, options.Value.Campaigns.MaxSendsInFlight);

    public Task WaitAsync() => _gate.WaitAsync();

    public void Release() => _gate.Release();
}
