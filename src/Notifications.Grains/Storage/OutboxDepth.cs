using Notifications.Delivery;

namespace Notifications.Grains.Storage;

public sealed record OutboxDepth(IReadOnlyDictionary<(DeliveryChannel Channel, Priority Lane), long> Waiting, long DeadLetters);
