namespace Notifications.Domain.Commands;

/// <summary>
/// A hard bounce of delivery <see cref="DeliveryId"/>, an email sent to <see cref="Address"/>; the address is disabled at
/// the <see cref="DisableAfter"/>-th. The same delivery reported again counts once.
/// </summary>
public sealed record RecordEmailBounceCommand : UserCommand
{
    public required long DeliveryId { get; init; }
    public required string Address { get; init; }
    public required string Status { get; init; }
    public required int DisableAfter { get; init; }
}
