namespace Notifications.Grains.Storage;

/// <summary>A delivery found by the id its provider gave it: whose it is and where it went (unmasked, for the user's grain).</summary>
public sealed record ProviderDelivery(long Id, string UserId, string Target);
