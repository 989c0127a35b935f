using Microsoft.Extensions.Options;
using Npgsql;

namespace Notifications.Storage.Postgres;

/// <summary>The silo's PostgreSQL database: one pooled <see cref="NpgsqlDataSource"/> shared by every store of ours.</summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    public PostgresDatabase(IOptions<PostgresStorageOptions> options)
    {
        Options = options.Value;
        DataSource = NpgsqlDataSource.Create(Options.ConnectionString);
    }

    public PostgresStorageOptions Options { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>A command that takes a pooled connection for itself: one statement, its own implicit transaction.</summary>
    public NpgsqlCommand Command(string sql) => DataSource.CreateCommand(sql);

    /// <summary>Runs <paramref name="work"/> in one transaction on one connection and commits it.</summary>
    public async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await work(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
