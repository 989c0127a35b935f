namespace Notifications.Api;

/// <summary>
/// How the user's email address has bounced: after too many hard bounces it is <see cref="Disabled"/> and no email
/// is sent to it until the profile is written again with an address (the same one re-enables it).
/// </summary>
public sealed record EmailAddressStatus(string Address, bool Disabled, int HardBounces, string? LastStatus, DateTimeOffset? LastBounceAt, DateTimeOffset? DisabledAt);
