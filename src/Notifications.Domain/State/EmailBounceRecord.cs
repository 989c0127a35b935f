namespace Notifications.Domain.State;

/// <summary>Hard bounces of the user's current email address; registering the address again starts it afresh.</summary>
public sealed class EmailBounceRecord
{
    public required string Address { get; init; }
    public int HardBounces { get; set; }
    /// <summary>The deliveries counted, newest last (as many as the highest limit), so a report read twice counts once.</summary>
    public List<long> Deliveries { get; set; } = [];
    public string? LastStatus { get; set; }
    public DateTimeOffset? LastBounceAt { get; set; }
    /// <summary>Set once the address bounced too often: no email is sent to it any more.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}
