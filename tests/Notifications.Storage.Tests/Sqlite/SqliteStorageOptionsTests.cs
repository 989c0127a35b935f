using Notifications.Storage.Sqlite;

namespace Notifications.Storage.Tests.Sqlite;

/// <summary>Each bad "Storage:Sqlite" value alone is refused, with a message naming the setting and the value.</summary>
public sealed class SqliteStorageOptionsTests
{
    [Theory]
    [InlineData(nameof(SqliteStorageOptions.CacheSizeMb), 4, "Storage:Sqlite:CacheSizeMb must be between 8 and 65536 (was 4).")]
    [InlineData(nameof(SqliteStorageOptions.MmapSizeMb), -1, "Storage:Sqlite:MmapSizeMb must be between 0 and 65536 (was -1).")]
    [InlineData(nameof(SqliteStorageOptions.WalAutoCheckpointPages), 99, "Storage:Sqlite:WalAutoCheckpointPages must be between 100 and 1000000 (was 99).")]
    [InlineData(nameof(SqliteStorageOptions.MaxWritesPerTransaction), 0, "Storage:Sqlite:MaxWritesPerTransaction must be between 1 and 100000 (was 0).")]
    public void A_bad_number_is_refused_with_the_setting_and_the_value(string setting, int value, string message)
    {
        var options = new SqliteStorageOptions();
        typeof(SqliteStorageOptions).GetProperty(setting)!.SetValue(options, value);

        var result = new SqliteStorageOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(message, Assert.Single(result.Failures!));
    }

    [Fact]
    public void A_synchronous_mode_sqlite_does_not_have_is_refused_with_the_value()
    {
        var result = new SqliteStorageOptionsValidator().Validate(null, new SqliteStorageOptions { Synchronous = "OFF" });

        Assert.Equal("Storage:Sqlite:Synchronous must be one of FULL, NORMAL, EXTRA (was 'OFF').", Assert.Single(result.Failures!));
    }

    [Fact]
    public void The_defaults_are_valid() =>
        Assert.True(new SqliteStorageOptionsValidator().Validate(null, new SqliteStorageOptions()).Succeeded);
}
