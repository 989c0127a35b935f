using Orleans.Streams;

namespace Notifications.StorageBench.Streams;

internal sealed class BenchProducerGrain : Grain, IBenchProducerGrain
{
    public async Task<long> PublishUntilAsync(string provider, DateTime until)
    {
        var stream = this.GetStreamProvider(provider).GetStream<long>(StreamId.Create(StreamsBenchNames.Namespace, this.GetPrimaryKeyString()));
        long published = 0;
        while (DateTime.UtcNow < until)
        {
            await stream.OnNextAsync(published++);
        }
        return published;
    }
}
