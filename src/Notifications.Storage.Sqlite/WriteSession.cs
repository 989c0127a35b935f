using Microsoft.Data.Sqlite;

namespace Notifications.Storage.Sqlite;

/// <summary>The writer's connection inside the current transaction, with prepared statements kept across transactions.</summary>
internal sealed class WriteSession(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RawStatement> _raw = new(StringComparer.Ordinal);

    public SqliteTransaction? Transaction { get; set; }

    /// <summary>A prepared command for <paramref name="sql"/>, parameters cleared, bound to the current transaction.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_statements.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _statements[sql] = command;
        }
        command.Parameters.Clear();
        command.Transaction = Transaction;
        return command;
    }

    /// <summary>A statement for the hot path, prepared once and bound positionally (see <see cref="RawStatement"/>).</summary>
    public RawStatement Raw(string sql)
    {
        if (!_raw.TryGetValue(sql, out var statement))
        {
            statement = new RawStatement(connection, sql);
            _raw[sql] = statement;
        }
        return statement;
    }

    public void Dispose()
    {
        foreach (var statement in _raw.Values)
        {
            statement.Dispose();
        }
        foreach (var command in _statements.Values)
        {
            command.Dispose();
        }
    }
}
