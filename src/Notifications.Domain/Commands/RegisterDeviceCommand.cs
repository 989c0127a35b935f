using Notifications.Model;

namespace Notifications.Domain.Commands;

public sealed record RegisterDeviceCommand : UserCommand
{
    public required Device Device { get; init; }
}
