using Notifications.Model;

namespace Notifications.Domain.Commands;

public sealed record UpdatePreferencesCommand : UserCommand
{
    public required NotificationPreferences Preferences { get; init; }
}
