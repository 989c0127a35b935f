namespace Notifications.Api;

/// <summary><see cref="Missing"/> lists the ids that were no dead letter (already replayed, or never one).</summary>
public sealed record ReplayManyResponse(IReadOnlyList<ReplayedDelivery> Replayed, IReadOnlyList<long> Missing);
