using Npgsql;
using NpgsqlTypes;

namespace Notifications.Storage.Postgres;

/// <summary>
/// Conversions between our types and PostgreSQL columns (instants are Unix milliseconds), and typed parameters:
/// every parameter names its PostgreSQL type, so a null or an array never leaves the server guessing.
/// </summary>
internal static class Pg
{
    public static long Ms(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    public static long? Ms(DateTimeOffset? instant) => instant?.ToUnixTimeMilliseconds();

    public static DateTimeOffset Instant(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, string? value) => Add(command, command.Parameters, name, NpgsqlDbType.Text, value);
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, long? value) => Add(command, command.Parameters, name, NpgsqlDbType.Bigint, value);
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, int? value) => Add(command, command.Parameters, name, NpgsqlDbType.Integer, value);
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, Guid value) => Add(command, command.Parameters, name, NpgsqlDbType.Uuid, value);
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, bool value) => Add(command, command.Parameters, name, NpgsqlDbType.Boolean, value);
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, string?[] value) => Add(command, command.Parameters, name, NpgsqlDbType.Array | NpgsqlDbType.Text, value);
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, long[] value) => Add(command, command.Parameters, name, NpgsqlDbType.Array | NpgsqlDbType.Bigint, value);
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, long?[] value) => Add(command, command.Parameters, name, NpgsqlDbType.Array | NpgsqlDbType.Bigint, value);
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, int[] value) => Add(command, command.Parameters, name, NpgsqlDbType.Array | NpgsqlDbType.Integer, value);
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, Guid[] value) => Add(command, command.Parameters, name, NpgsqlDbType.Array | NpgsqlDbType.Uuid, value);
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, byte[][] value) => Add(command, command.Parameters, name, NpgsqlDbType.Array | NpgsqlDbType.Bytea, value);
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, byte[] value) => Add(command, command.Parameters, name, NpgsqlDbType.Bytea, value);

    public static NpgsqlBatchCommand With(this NpgsqlBatchCommand command, string name, string? value) => Add(command, command.Parameters, name, NpgsqlDbType.Text, value);
    public static NpgsqlBatchCommand With(this NpgsqlBatchCommand command, string name, long? value) => Add(command, command.Parameters, name, NpgsqlDbType.Bigint, value);
    public static NpgsqlBatchCommand With(this NpgsqlBatchCommand command, string name, int? value) => Add(command, command.Parameters, name, NpgsqlDbType.Integer, value);
    public static NpgsqlBatchCommand With(this NpgsqlBatchCommand command, string name, Guid value) => Add(command, command.Parameters, name, NpgsqlDbType.Uuid, value);
    public static NpgsqlBatchCommand With(this NpgsqlBatchCommand command, string name, bool value) => Add(command, command.Parameters, name, NpgsqlDbType.Boolean, value);
    public static NpgsqlBatchCommand With(this NpgsqlBatchCommand command, string name, string?[] value) => Add(command, command.Parameters, name, NpgsqlDbType.Array | NpgsqlDbType.Text, value);
    public static NpgsqlBatchCommand With(this NpgsqlBatchCommand command, string name, long[] value) => Add(command, command.Parameters, name, NpgsqlDbType.Array | NpgsqlDbType.Bigint, value);
    public static NpgsqlBatchCommand With(this NpgsqlBatchCommand command, string name, long?[] value) => Add(command, command.Parameters, name, NpgsqlDbType.Array | NpgsqlDbType.Bigint, value);
    public static NpgsqlBatchCommand With(this NpgsqlBatchCommand command, string name, int[] value) => Add(command, command.Parameters, name, NpgsqlDbType.Array | NpgsqlDbType.Integer, value);
    public static NpgsqlBatchCommand With(this NpgsqlBatchCommand command, string name, Guid[] value) => Add(command, command.Parameters, name, NpgsqlDbType.Array | NpgsqlDbType.Uuid, value);
    public static NpgsqlBatchCommand With(this NpgsqlBatchCommand command, string name, Guid?[] value) => Add(command, command.Parameters, name, NpgsqlDbType.Array | NpgsqlDbType.Uuid, value);
    public static NpgsqlBatchCommand With(this NpgsqlBatchCommand command, string name, byte[][] value) => Add(command, command.Parameters, name, NpgsqlDbType.Array | NpgsqlDbType.Bytea, value);
    public static NpgsqlBatchCommand With(this NpgsqlBatchCommand command, string name, byte[] value) => Add(command, command.Parameters, name, NpgsqlDbType.Bytea, value);

    public static string? NullableString(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset? NullableInstant(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Instant(reader.GetInt64(ordinal));

    private static T Add<T>(T command, NpgsqlParameterCollection parameters, string name, NpgsqlDbType type, object? value)
    {
        parameters.AddWithValue(name, type, value ?? DBNull.Value);
        return command;
    }
}
