using Notifications.Api;
using Orleans.Concurrency;

namespace Notifications.Grains;

/// <summary>A silo's live connections of some users (SSE, SignalR, gRPC streams), fed by those users' grains.</summary>
public interface IUserObserver : IGrainObserver
{
    [OneWay]
    Task OnEventAsync(string userId, RealtimeEvent realtimeEvent);
}
