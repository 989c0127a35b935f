using Notifications.Domain.Commands;

namespace Notifications.Domain.Effects;

/// <summary>A durable timer: at <see cref="DueAt"/> its command is run by the same grain, exactly once.</summary>
public sealed record TimerRequest(DateTimeOffset DueAt, UserCommand Command, Priority Lane);
