namespace Notifications.Grains.Tests.Streams;

/// <summary>Activated by the implicit subscription of its stream; it is only called by the stream.</summary>
public interface IRecordingConsumerGrain : IGrainWithStringKey;
