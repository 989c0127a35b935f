namespace Notifications.Domain.Commands;

/// <summary>Removes a device by id, or every device with the given provider address (a token the provider called dead).</summary>
public sealed record RemoveDeviceCommand : UserCommand
{
    public string? DeviceId { get; init; }
    public string? Address { get; init; }
    public string? Reason { get; init; }
}
