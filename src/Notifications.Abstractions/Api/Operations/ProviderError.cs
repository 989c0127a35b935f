namespace Notifications.Api.Operations;

/// <summary>One failed provider call: its outcome kind (Transient, Permanent, …) and what the provider said.</summary>
public sealed record ProviderError(DateTimeOffset At, string Kind, string? Reason);
