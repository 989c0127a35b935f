using Notifications.Model;

namespace Notifications.Api;

public sealed record UserView(string UserId, UserProfile Profile, IReadOnlyList<Device> Devices, NotificationPreferences Preferences);
