using Microsoft.Extensions.Options;

namespace Notifications.Storage.Postgres.Streams;

internal sealed class PostgresStreamOptionsValidator : IValidateOptions<PostgresStreamOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresStreamOptions options)
    {
        var prefix = $"PostgreSQL stream provider '{name}'";
        // One insert carries at most PostgresStreamQueueTable.MaxBytesPerInsert; a message must fit in one.
        var failures = options.Limits.Problems(prefix, PostgresStreamQueueTable.MaxBytesPerInsert).ToList();
        if (options.EnqueueBatchesInFlight is < 1 or > 16)
        {
            failures.Add($"{prefix}: EnqueueBatchesInFlight must be between 1 and 16 (was {options.EnqueueBatchesInFlight}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
