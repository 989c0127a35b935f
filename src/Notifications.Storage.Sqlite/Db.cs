using Microsoft.Data.Sqlite;

namespace Notifications.Storage.Sqlite;

/// <summary>Conversions between our types and SQLite columns: instants are Unix milliseconds, ids are text.</summary>
internal static class Db
{
    public static long Ms(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    public static DateTimeOffset Instant(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static string Id(Guid id) => id.ToString("D");

    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static string? NullableString(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
