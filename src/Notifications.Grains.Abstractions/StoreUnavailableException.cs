namespace Notifications.Grains;

/// <summary>
/// A grain call failed because a store was unreachable or restarting: nothing of it was committed, and the same call may
/// simply be made again. Raised in place of the storage driver's own exception, which no other silo could deserialize.
/// </summary>
[GenerateSerializer]
[Alias("notifications.store-unavailable")]
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
