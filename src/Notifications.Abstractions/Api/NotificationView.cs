namespace Notifications.Api;

/// <param name="Status">accepted (not processed yet), dispatched, deferred (quiet hours), digested, or suppressed.</param>
public sealed record NotificationView(
    Guid Id,
    string UserId,
    string? Type,
    string Category,
    Priority Priority,
    string Status,
    string? Title,
    string? Body,
    DateTimeOffset CreatedAt,
    IReadOnlyList<DeliveryView> Deliveries);
