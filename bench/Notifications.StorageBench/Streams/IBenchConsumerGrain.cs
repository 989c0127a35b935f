namespace Notifications.StorageBench.Streams;

/// <summary>Activated by its stream's implicit subscription; never called directly.</summary>
public interface IBenchConsumerGrain : IGrainWithStringKey;
