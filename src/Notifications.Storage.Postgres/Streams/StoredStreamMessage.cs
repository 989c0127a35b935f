namespace Notifications.Storage.Postgres.Streams;

/// <summary>A queue row as read: its number within the queue and the serialised <see cref="PostgresStreamMessageBody"/>.</summary>
internal readonly record struct StoredStreamMessage(long Seq, byte[] Payload);
