using Notifications.Grains;
using Orleans.Runtime;
using Orleans.Storage;

namespace Notifications.Gateway.Errors;

/// <summary>
/// Failures after which nothing was acknowledged and the same call may simply be made again: a grain's silo died
/// or moved it, a call timed out, a stale activation's write was refused, storage is unreachable.
/// REST answers them 503 and gRPC UNAVAILABLE.
/// </summary>
internal static class TransientFailures
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or InconsistentStateException => true,
        // A store unreachable or restarting: reported by the grains as StoreUnavailableException; the
        // application services' reads on this silo (a notification by id, the inbox) raise the provider's DbException.
        StoreUnavailableException or System.Data.Common.DbException { IsTransient: true } => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsTransient),
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };

    public const string Message = "The service could not complete the call right now and nothing was accepted; retry it.";
}
