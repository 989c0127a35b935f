using Notifications.Model;

namespace Notifications.Api;

/// <summary>
/// The answer for one imported user, in request order: <c>imported</c> with the devices registered for it (their ids),
/// or <c>unavailable</c> when its grain could not commit it (import it again: an import is a replace).
/// </summary>
public sealed record UserImportResult(int Index, string UserId, string Status, IReadOnlyList<Device>? Devices = null, string? Error = null)
{
    public const string Imported = "imported";
    public const string Unavailable = "unavailable";
}
