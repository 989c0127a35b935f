using Notifications.Model;

namespace Notifications.Domain.Commands;

/// <summary>A profile and its devices in one turn: the profile as <see cref="UpsertProfileCommand"/>, then each device as <see cref="RegisterDeviceCommand"/>.</summary>
public sealed record ImportUserCommand : UserCommand
{
    public required UserProfile Profile { get; init; }

    public IReadOnlyList<Device> Devices { get; init; } = [];
}
