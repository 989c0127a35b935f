namespace Notifications.StorageBench.Streams;

public interface IBenchProducerGrain : IGrainWithStringKey
{
    /// <summary>Publishes on its own stream (keyed like the grain) of <paramref name="provider"/>, one event per call, until <paramref name="until"/>; returns how many.</summary>
    Task<long> PublishUntilAsync(string provider, DateTime until);
}
