using Microsoft.Extensions.Options;

namespace Notifications.Storage.Postgres.Streams;

internal sealed class PostgresStreamOptionsValidator : IValidateOptions<PostgresStreamOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresStreamOptions options)
    {
        var failures = new List<string>();
        var prefix = $"PostgreSQL stream provider '{name}'";
        if (options.QueueCount is < 1 or > PostgresStreamOptions.MaxQueueCount)
        {
            failures.Add($"{prefix}: QueueCount must be between 1 and {PostgresStreamOptions.MaxQueueCount} (was {options.QueueCount}).");
        }
        if (options.BatchSize is < 1 or > 10_000)
        {
            failures.Add($"{prefix}: BatchSize must be between 1 and 10000 (was {options.BatchSize}).");
        }
        // Orleans' cache admits a tenth of its size per read: a smaller cache would silently cap every read below BatchSize.
        if (options.CacheSize < 10L * options.BatchSize || options.CacheSize > 1_000_000)
        {
            failures.Add($"{prefix}: CacheSize must be at least 10 x BatchSize ({10L * options.BatchSize}) and at most 1000000 (was {options.CacheSize}).");
        }
        // One insert carries at most PostgresStreamQueueStore.MaxBytesPerInsert; a message must fit in one.
        if (options.MaxMessageBytes is < 1024 or > PostgresStreamQueueStore.MaxBytesPerInsert)
        {
            failures.Add($"{prefix}: MaxMessageBytes must be between 1024 and {PostgresStreamQueueStore.MaxBytesPerInsert} (was {options.MaxMessageBytes}).");
        }
        if (options.EnqueueBatchesInFlight is < 1 or > 16)
        {
            failures.Add($"{prefix}: EnqueueBatchesInFlight must be between 1 and 16 (was {options.EnqueueBatchesInFlight}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
