using System.Data.Common;

namespace Notifications.Grains.Hosting;

/// <summary>
/// Turns a store's "unreachable or restarting" (any ADO.NET provider's transient <see cref="DbException"/>) into a
/// <see cref="StoreUnavailableException"/> at the grain's edge, so the caller, on whichever silo, can tell it apart from
/// a fault and answer 503 / UNAVAILABLE. The driver's exception stays in this silo's log, not on the wire.
/// </summary>
internal sealed class StoreUnavailableFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke().ConfigureAwait(true);
        }
        catch (Exception exception) when (TransientStoreFailure(exception) is { } store)
        {
            throw new StoreUnavailableException($"{context.InterfaceName}.{context.MethodName}: the store is unavailable ({store.Message}).");
        }
    }

    private static DbException? TransientStoreFailure(Exception exception) => exception switch
    {
        DbException { IsTransient: true } store => store,
        AggregateException aggregate => aggregate.InnerExceptions.Select(TransientStoreFailure).FirstOrDefault(e => e is not null),
        _ => exception.InnerException is { } inner ? TransientStoreFailure(inner) : null,
    };
}
