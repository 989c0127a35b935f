using Orleans.Streams;

namespace Notifications.StorageBench.Streams;

internal sealed class BenchProducerGrain : Grain, IBenchProducerGrain
{
    public async Task<long> PublishUntilAsync(string provider, DateTime until, int eventsPerCall)
    {
        var stream = this.GetStreamProvider(provider).GetStream<long>(StreamId.Create(StreamsBenchNames.Namespace, this.GetPrimaryKeyString()));
        long published = 0;
        while (DateTime.UtcNow < until)
        {
            if (eventsPerCall == 1)
            {
                await stream.OnNextAsync(published++);
                continue;
            }
            var chunk = new long[eventsPerCall];
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] = published++;
            }
            await stream.OnNextBatchAsync(chunk);
        }
        return published;
    }
}
