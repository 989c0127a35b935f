using Notifications.Delivery;

namespace Notifications.Grains;

/// <summary>
/// Sends claimed delivery jobs of one channel through its provider and records the outcomes; one stateless worker
/// type per channel family, activated on the silo that claimed the jobs. Dead push targets and push-to-email
/// fallback go back to the user's grain.
/// </summary>
public interface IChannelWorkerGrain : IGrainWithStringKey
{
    /// <summary>Every job is attempted and recorded; the answer holds one result per job, in order.</summary>
    Task<IReadOnlyList<DeliveryResult>> SendAsync(IReadOnlyList<DeliveryRequest> jobs);
}
