using Orleans.Streams;

namespace Notifications.Grains.Tests.Streams;

internal sealed class StreamProducerGrain : Grain, IStreamProducerGrain
{
    public async Task PublishAsync(string streamKey, int from, int count)
    {
        var stream = this.GetStreamProvider(StreamTestNames.Provider).GetStream<string>(StreamId.Create(StreamTestNames.Namespace, streamKey));
        for (var i = from; i < from + count; i++)
        {
            await stream.OnNextAsync($"{streamKey}/{i}");
        }
    }
}
