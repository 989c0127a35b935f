namespace Notifications.Grains.Tests.Streams;

/// <summary>Publishes on the SQLite stream provider from inside a silo, as a campaign grain would.</summary>
public interface IStreamProducerGrain : IGrainWithIntegerKey
{
    /// <summary>Publishes "{streamKey}/{i}" for i in [from, from + count), one event per call; returns once all are durable.</summary>
    Task PublishAsync(string streamKey, int from, int count);
}
