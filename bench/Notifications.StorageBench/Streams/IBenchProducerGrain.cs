namespace Notifications.StorageBench.Streams;

public interface IBenchProducerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Publishes on its own stream (keyed like the grain) of <paramref name="provider"/> until <paramref name="until"/>,
    /// <paramref name="eventsPerCall"/> events per call (one <c>OnNextAsync</c>, or one <c>OnNextBatchAsync</c>); returns how many events.
    /// </summary>
    Task<long> PublishUntilAsync(string provider, DateTime until, int eventsPerCall);
}
