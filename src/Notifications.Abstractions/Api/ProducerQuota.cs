namespace Notifications.Api;

/// <summary>
/// A producer key's limits, set when the key is created; a null member is no limit of that kind.
/// </summary>
/// <param name="RequestsPerSecond">Sustained request rate; enforced on each silo the key's requests reach.</param>
/// <param name="Burst">Requests allowed at once above the rate (the bucket's size); defaults to the rate.</param>
/// <param name="RequestsPerDay">Requests per UTC day, counted cluster-wide.</param>
public sealed record ProducerQuota(int? RequestsPerSecond = null, int? Burst = null, long? RequestsPerDay = null);
