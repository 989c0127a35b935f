using Notifications.Model;

namespace Notifications.Application;

/// <summary>One user of an import that passed validation, its devices given their ids.</summary>
internal sealed record ValidatedUserImport(string UserId, UserProfile Profile, IReadOnlyList<Device> Devices);
