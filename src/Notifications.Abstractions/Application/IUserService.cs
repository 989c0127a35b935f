using Notifications.Api;
using Notifications.Model;

namespace Notifications.Application;

/// <summary>Users' profiles, preferences and devices. Writes go through the user's grain and are answered once committed.</summary>
public interface IUserService
{
    /// <summary>Null when the user was never registered with a profile.</summary>
    Task<UserView?> GetAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The user with their newest notifications (up to 20) and those notifications' deliveries. Null when the user does not exist.</summary>
    Task<UserLookup?> LookupAsync(string userId, CancellationToken cancellationToken);

    Task<UserView> UpsertAsync(string userId, UserProfile profile, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <see cref="UserImportLimits.MaxUsers"/> users, each created or replaced with its devices in one turn of its
    /// grain. Validated as a whole first: one bad item refuses the import (naming it) and nothing is written.
    /// </summary>
    Task<ImportUsersResponse> ImportAsync(IReadOnlyList<UserImportItem>? users, CancellationToken cancellationToken);

    /// <summary>Null when the user does not exist.</summary>
    Task<NotificationPreferences?> UpdatePreferencesAsync(string userId, NotificationPreferences preferences, CancellationToken cancellationToken);

    /// <summary>Null when the user does not exist.</summary>
    Task<Device?> RegisterDeviceAsync(string userId, RegisterDeviceRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Switches one channel of one category on or off, leaving every other preference untouched (one-click unsubscribe).
    /// False when the user does not exist.
    /// </summary>
    Task<bool> SetChannelPreferenceAsync(string userId, string category, ChannelKind channel, bool enabled, CancellationToken cancellationToken);

    /// <summary>False when the user or the device does not exist.</summary>
    Task<bool> RemoveDeviceAsync(string userId, string deviceId, CancellationToken cancellationToken);
}
