using System.Collections.Concurrent;

namespace Notifications.Grains.Tests.Streams;

/// <summary>
/// Lets a test hold the consumers of its streams inside their delivery, so events are certainly read but not
/// acknowledged when the silo is killed. Released with <c>deliver: false</c>, a held delivery fails instead of
/// recording: it belonged to the killed silo.
/// </summary>
public static class ConsumerGate
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> Held = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, bool> Arrived = new(StringComparer.Ordinal);

    public static void Hold(string streamKeyPrefix) => Held[streamKeyPrefix] = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

    public static void Release(string streamKeyPrefix, bool deliver)
    {
        if (Held.TryRemove(streamKeyPrefix, out var gate))
        {
            gate.SetResult(deliver);
        }
    }

    /// <summary>How many streams under the prefix have had a delivery reach the gate while it was held.</summary>
    public static int HeldStreams(string streamKeyPrefix) => Arrived.Keys.Count(key => key.StartsWith(streamKeyPrefix, StringComparison.Ordinal));

    /// <summary>Whether a delivery on <paramref name="streamKey"/> may be recorded; waits while its test holds it.</summary>
    public static Task<bool> PassAsync(string streamKey)
    {
        foreach (var (prefix, gate) in Held)
        {
            if (streamKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                Arrived[streamKey] = true;
                return gate.Task;
            }
        }
        return Task.FromResult(true);
    }
}
