using Microsoft.Extensions.Options;

namespace Notifications.Storage.Sqlite;

internal sealed class SqliteStorageOptionsValidator : IValidateOptions<SqliteStorageOptions>
{
    private static readonly string[] SynchronousModes = ["FULL", "NORMAL", "EXTRA"];

    public ValidateOptionsResult Validate(string? name, SqliteStorageOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            failures.Add("Storage:Sqlite:Path must name the database file, for example data/notifications.db.");
        }
        if (!SynchronousModes.Contains(options.Synchronous, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"Storage:Sqlite:Synchronous must be one of {string.Join(", ", SynchronousModes)} (was '{options.Synchronous}').");
        }
        if (options.CacheSizeMb is < 8 or > 65_536)
        {
            failures.Add($"Storage:Sqlite:CacheSizeMb must be between 8 and 65536 (was {options.CacheSizeMb}).");
        }
        if (options.MmapSizeMb is < 0 or > 65_536)
        {
            failures.Add($"Storage:Sqlite:MmapSizeMb must be between 0 and 65536 (was {options.MmapSizeMb}).");
        }
        if (options.WalAutoCheckpointPages is < 100 or > 1_000_000)
        {
            failures.Add($"Storage:Sqlite:WalAutoCheckpointPages must be between 100 and 1000000 (was {options.WalAutoCheckpointPages}).");
        }
        if (options.MaxWritesPerTransaction is < 1 or > 100_000)
        {
            failures.Add($"Storage:Sqlite:MaxWritesPerTransaction must be between 1 and 100000 (was {options.MaxWritesPerTransaction}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
