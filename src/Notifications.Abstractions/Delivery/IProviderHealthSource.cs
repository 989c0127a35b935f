using Notifications.Api.Operations;

namespace Notifications.Delivery;

/// <summary>This silo's view of its providers: each channel's circuit, its calls and its latest errors.</summary>
public interface IProviderHealthSource
{
    IReadOnlyList<ProviderHealthView> Snapshot();
}
