using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Notifications.Storage.Sqlite;

/// <summary>The database file: one writer connection behind <see cref="SqliteWriter"/>, pooled connections for reads.</summary>
internal sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly SqliteStorageOptions _options;
    private readonly ILogger<SqliteDatabase> _logger;
    private const int MaxIdleReaders = 16;
    private readonly Lock _lock = new();
    private readonly System.Collections.Concurrent.ConcurrentBag<SqliteConnection> _readers = [];
    private volatile bool _disposed;
    private SqliteWriter? _writer;

    public SqliteDatabase(IOptions<SqliteStorageOptions> options, ILogger<SqliteDatabase> logger)
    {
        _options = options.Value;
        _logger = logger;
        var path = System.IO.Path.GetFullPath(_options.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        Path = path;
    }

    public string Path { get; }

    public SqliteWriter Writer
    {
        get
        {
            lock (_lock)
            {
                if (_writer is null)
                {
                    var connection = Open();
                    Pragma(connection, "journal_mode = WAL");
                    Pragma(connection, $"synchronous = {_options.Synchronous.ToUpperInvariant()}");
                    Pragma(connection, $"cache_size = -{_options.CacheSizeMb * 1024}");
                    Pragma(connection, "temp_store = MEMORY");
                    // The writer's commits never checkpoint: SqliteCheckpointer does, beside them.
                    Pragma(connection, "wal_autocheckpoint = 0");
                    // After a checkpoint the log file is cut back to this size rather than kept at its high-water mark.
                    Pragma(connection, $"journal_size_limit = {(long)_options.WalAutoCheckpointPages * 4096}");
                    _writer = new SqliteWriter(connection, Open(), Path, _options, _logger);
                }
                return _writer;
            }
        }
    }

    public Task<T> WriteAsync<T>(Func<WriteSession, T> work, CancellationToken cancellationToken, Priority lane = Priority.Normal) =>
        Writer.WriteAsync(work, cancellationToken, lane);

    /// <summary>
    /// Runs a read on one of the open reader connections; WAL lets reads proceed while the writer commits. Readers
    /// stay open with their settings applied, since opening one and setting it up costs more than a small query.
    /// </summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var connection = _readers.TryTake(out var idle) ? idle : Open();
        try
        {
            return Task.FromResult(read(connection));
        }
        finally
        {
            if (_readers.Count < MaxIdleReaders && !_disposed)
            {
                _readers.Add(connection);
            }
            else
            {
                connection.Dispose();
            }
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Pragma(connection, "busy_timeout = 30000");
        // Readers map the file instead of copying pages through their own small caches.
        Pragma(connection, $"mmap_size = {(long)_options.MmapSizeMb * 1024 * 1024}");
        return connection;
    }

    private static void Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_readers.TryTake(out var reader))
        {
            await reader.DisposeAsync().ConfigureAwait(false);
        }
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
        SqliteConnection.ClearAllPools();
    }
}
