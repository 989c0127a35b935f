namespace Notifications.StorageBench.Streams;

/// <summary>Events the consumers received, across both providers (the phases run one after the other).</summary>
internal static class StreamsBenchCounter
{
    private static long _received;

    public static long Count => Interlocked.Read(ref _received);

    public static void Received() => Interlocked.Increment(ref _received);
}
