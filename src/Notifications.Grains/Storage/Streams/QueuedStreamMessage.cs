namespace Notifications.Grains.Storage.Streams;

/// <summary>A queue row as read: its position in its queue and the serialised message it holds.</summary>
public readonly record struct QueuedStreamMessage(long Position, byte[] Payload);
