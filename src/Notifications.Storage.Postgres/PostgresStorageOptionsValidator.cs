using Microsoft.Extensions.Options;
using Npgsql;

namespace Notifications.Storage.Postgres;

internal sealed class PostgresStorageOptionsValidator : IValidateOptions<PostgresStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresStorageOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{PostgresStorageOptions.Section}:ConnectionString must be set when Storage:Provider is Postgres, for example Host=localhost;Database=notifications;Username=silo;Password=secret.");
        }
        else
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.Host))
                {
                    failures.Add($"{PostgresStorageOptions.Section}:ConnectionString names no Host (was '{Redacted(builder)}').");
                }
            }
            catch (ArgumentException exception)
            {
                // The message says which keyword is wrong; the string itself may hold a password and is not repeated.
                failures.Add($"{PostgresStorageOptions.Section}:ConnectionString is not a valid Npgsql connection string: {exception.Message}");
            }
        }
        if (options.MaxGrainWritesPerBatch is < 1 or > 10_000)
        {
            failures.Add($"{PostgresStorageOptions.Section}:MaxGrainWritesPerBatch must be between 1 and 10000 (was {options.MaxGrainWritesPerBatch}).");
        }
        if (options.GrainBatchesInFlight is < 1 or > 64)
        {
            failures.Add($"{PostgresStorageOptions.Section}:GrainBatchesInFlight must be between 1 and 64 (was {options.GrainBatchesInFlight}).");
        }
        if (options.MaxEffectTurnsPerBatch is < 1 or > 10_000)
        {
            failures.Add($"{PostgresStorageOptions.Section}:MaxEffectTurnsPerBatch must be between 1 and 10000 (was {options.MaxEffectTurnsPerBatch}).");
        }
        if (options.EffectBatchesInFlight is < 1 or > 64)
        {
            failures.Add($"{PostgresStorageOptions.Section}:EffectBatchesInFlight must be between 1 and 64 (was {options.EffectBatchesInFlight}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Redacted(NpgsqlConnectionStringBuilder builder)
    {
        if (builder.Password is not null)
        {
            builder.Password = "***";
        }
        return builder.ConnectionString;
    }
}
