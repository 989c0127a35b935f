using Notifications.Domain.Commands;

namespace Notifications.Grains.Users;

/// <summary>A command the grain runs at <see cref="DueAt"/>; removed in the same write as the turn that ran it, so it runs once.</summary>
public sealed record DurableTimer(Guid Id, DateTimeOffset DueAt, UserCommand Command, Priority Lane);
