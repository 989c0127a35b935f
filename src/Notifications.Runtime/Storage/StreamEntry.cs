using Notifications.Domain.Commands;

namespace Notifications.Runtime.Storage;

/// <summary>A command read back from a partition: appended by a producer, or a durable timer that came due.</summary>
public sealed record StreamEntry(long Id, bool IsTimer, string GrainKey, Priority Lane, UserCommand Command);
