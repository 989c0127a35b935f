using Notifications.Delivery;

namespace Notifications.Grains.Storage;

/// <summary>A delivery found by the id its provider gave it: whose it is, where it went (unmasked, for the user's grain) and its status.</summary>
public sealed record ProviderDelivery(long Id, string UserId, string Target, DeliveryStatus Status);
