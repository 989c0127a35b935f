using Microsoft.Extensions.Options;

namespace Notifications.Storage.Sqlite.Streams;

internal sealed class SqliteStreamOptionsValidator : IValidateOptions<SqliteStreamOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteStreamOptions options)
    {
        var failures = new List<string>();
        var prefix = $"SQLite stream provider '{name}'";
        if (options.QueueCount is < 1 or > 1024)
        {
            failures.Add($"{prefix}: QueueCount must be between 1 and 1024 (was {options.QueueCount}).");
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
        if (options.MaxMessageBytes is < 1024 or > 256 * 1024 * 1024)
        {
            failures.Add($"{prefix}: MaxMessageBytes must be between 1024 and 268435456 (was {options.MaxMessageBytes}).");
        }
        if (!Enum.IsDefined(options.WriteLane))
        {
            failures.Add($"{prefix}: WriteLane must be one of {string.Join(", ", Enum.GetNames<Priority>())} (was {(int)options.WriteLane}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
