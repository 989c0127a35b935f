namespace Notifications.Api;

/// <summary>An operator's view of one user: profile, preferences and devices, and the newest notifications with their deliveries.</summary>
public sealed record UserLookup(UserView User, IReadOnlyList<NotificationView> RecentNotifications);
