using Notifications.Storage.Postgres;

namespace Notifications.Storage.Tests.Postgres;

public sealed class PostgresStorageOptionsValidatorTests
{
    private static readonly PostgresStorageOptionsValidator Validator = new();

    [Fact]
    public void A_complete_connection_string_and_the_default_batch_size_are_valid()
    {
        Assert.True(Validator.Validate(null, new PostgresStorageOptions { ConnectionString = "Host=db;Database=n;Username=silo" }).Succeeded);
    }

    [Theory]
    [InlineData("", "Storage:Postgres:ConnectionString must be set")]
    [InlineData("Database=n;Password=hunter2", "names no Host")]
    [InlineData("Hots=db", "is not a valid Npgsql connection string")]
    public void A_bad_connection_string_is_refused_naming_the_setting_and_never_its_password(string connectionString, string expected)
    {
        var result = Validator.Validate(null, new PostgresStorageOptions { ConnectionString = connectionString });

        Assert.False(result.Succeeded);
        Assert.Contains("Storage:Postgres:ConnectionString", result.FailureMessage);
        Assert.Contains(expected, result.FailureMessage);
        Assert.DoesNotContain("hunter2", result.FailureMessage);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public void A_batch_size_out_of_range_is_refused_naming_the_setting_and_the_value(int size)
    {
        var result = Validator.Validate(null, new PostgresStorageOptions { ConnectionString = "Host=db", MaxGrainWritesPerBatch = size });

        Assert.False(result.Succeeded);
        Assert.Contains($"Storage:Postgres:MaxGrainWritesPerBatch must be between 1 and 10000 (was {size})", result.FailureMessage);
    }

    [Theory]
    [InlineData(0, 2, "Storage:Postgres:MaxEffectTurnsPerBatch must be between 1 and 10000 (was 0)")]
    [InlineData(10_001, 2, "Storage:Postgres:MaxEffectTurnsPerBatch must be between 1 and 10000 (was 10001)")]
    [InlineData(1000, 0, "Storage:Postgres:EffectBatchesInFlight must be between 1 and 64 (was 0)")]
    [InlineData(1000, 65, "Storage:Postgres:EffectBatchesInFlight must be between 1 and 64 (was 65)")]
    public void A_record_batch_setting_out_of_range_is_refused_naming_the_setting_and_the_value(int turns, int inFlight, string expected)
    {
        var result = Validator.Validate(null, new PostgresStorageOptions { ConnectionString = "Host=db", MaxEffectTurnsPerBatch = turns, EffectBatchesInFlight = inFlight });

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.FailureMessage);
    }
}
