namespace Notifications.Delivery;

/// <summary>
/// Sends one delivery attempt through one provider. Implementations classify every provider answer
/// into a <see cref="DeliveryOutcome"/>; they never throw for a provider's refusal.
/// </summary>
public interface IChannelSender
{
    DeliveryChannel Channel { get; }

    Task<DeliveryOutcome> SendAsync(DeliveryRequest request, CancellationToken cancellationToken);
}
