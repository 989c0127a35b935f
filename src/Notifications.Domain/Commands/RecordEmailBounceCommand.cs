namespace Notifications.Domain.Commands;

/// <summary>A hard bounce of an email sent to <see cref="Address"/>; the address is disabled at the <see cref="DisableAfter"/>-th.</summary>
public sealed record RecordEmailBounceCommand : UserCommand
{
    public required string Address { get; init; }
    public required string Status { get; init; }
    public required int DisableAfter { get; init; }
}
