namespace Notifications.Storage.Sqlite.Streams;

/// <summary>A queue row as read: its id (the sequence number) and the serialised <see cref="SqliteStreamMessageBody"/>.</summary>
internal readonly record struct StoredStreamMessage(long Id, byte[] Payload);
