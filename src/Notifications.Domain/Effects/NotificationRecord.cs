namespace Notifications.Domain.Effects;

/// <summary>The notification as the producer will see it when asking for it by id. Written as an upsert.</summary>
public sealed record NotificationRecord(
    Guid Id,
    string UserId,
    string? Type,
    string Category,
    Priority Priority,
    string Status,
    string? Title,
    string? Body,
    DateTimeOffset CreatedAt)
{
    /// <summary>Why a suppressed notification reached no channel (<see cref="SuppressionReasons"/>); null otherwise.</summary>
    public string? Reason { get; init; }
    /// <summary>The campaign that sent it (<see cref="Commands.NotifyCommand.CampaignId"/>); null for other producers.</summary>
    public Guid? CampaignId { get; init; }
}
