using Notifications.Model;

namespace Notifications.Api;

/// <summary>One imported user: what <c>PUT /users/{id}</c> takes as its profile, and what the device endpoint takes per device.</summary>
public sealed record UserImportItem(string? UserId, UserProfile? Profile, IReadOnlyList<RegisterDeviceRequest>? Devices);
