using Microsoft.Extensions.Options;

namespace Notifications.Storage.Sqlite.Streams;

internal sealed class SqliteStreamOptionsValidator : IValidateOptions<SqliteStreamOptions>
{
    private const int MaxMessageBytes = 256 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, SqliteStreamOptions options)
    {
        var prefix = $"SQLite stream provider '{name}'";
        var failures = options.Limits.Problems(prefix, MaxMessageBytes).ToList();
        if (!Enum.IsDefined(options.WriteLane))
        {
            failures.Add($"{prefix}: WriteLane must be one of {string.Join(", ", Enum.GetNames<Priority>())} (was {(int)options.WriteLane}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
