namespace Notifications.Domain.Commands;

/// <summary>Fired by a durable timer when a digest window closes. Stale windows (another id) are ignored.</summary>
public sealed record FlushDigestCommand : UserCommand
{
    public required string DigestKey { get; init; }
    public required Guid WindowId { get; init; }
}
