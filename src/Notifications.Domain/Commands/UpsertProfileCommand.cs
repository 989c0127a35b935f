using Notifications.Model;

namespace Notifications.Domain.Commands;

public sealed record UpsertProfileCommand : UserCommand
{
    public required UserProfile Profile { get; init; }
}
