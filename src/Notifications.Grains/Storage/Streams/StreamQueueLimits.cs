namespace Notifications.Grains.Storage.Streams;

/// <summary>
/// The settings every table-backed stream provider has, checked by one rule. <paramref name="Kind"/> names the
/// provider's storage in messages ("SQLite", "PostgreSQL").
/// </summary>
public sealed record StreamQueueLimits(string Kind, int QueueCount, int BatchSize, int CacheSize, int MaxMessageBytes)
{
    /// <summary>The most queues a provider may have; a queue's number is part of every sequence token (see <see cref="TableQueueBatchContainer"/>).</summary>
    public const int MaxQueueCount = 1024;

    /// <summary>The problems with these settings, each naming the setting and its value; <paramref name="maxMessageBytes"/> is the storage's ceiling.</summary>
    public IEnumerable<string> Problems(string prefix, int maxMessageBytes)
    {
        if (QueueCount is < 1 or > MaxQueueCount)
        {
            yield return $"{prefix}: QueueCount must be between 1 and {MaxQueueCount} (was {QueueCount}).";
        }
        if (BatchSize is < 1 or > 10_000)
        {
            yield return $"{prefix}: BatchSize must be between 1 and 10000 (was {BatchSize}).";
        }
        // Orleans' cache admits a tenth of its size per read: a smaller cache would silently cap every read below BatchSize.
        if (CacheSize < 10L * BatchSize || CacheSize > 1_000_000)
        {
            yield return $"{prefix}: CacheSize must be at least 10 x BatchSize ({10L * BatchSize}) and at most 1000000 (was {CacheSize}).";
        }
        if (MaxMessageBytes < 1024 || MaxMessageBytes > maxMessageBytes)
        {
            yield return $"{prefix}: MaxMessageBytes must be between 1024 and {maxMessageBytes} (was {MaxMessageBytes}).";
        }
    }
}
