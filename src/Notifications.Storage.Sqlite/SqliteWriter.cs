using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Notifications.Storage.Sqlite;

/// <summary>
/// SQLite has one writer at a time, so the silo has exactly one: every write (grain states, turn effects, inbox
/// updates, outbox claims) queues here, and whatever is queued commits together in one transaction (group commit).
/// One fsync then acknowledges many turns. Each operation runs under its own savepoint, so one failing operation
/// does not fail its neighbours. Writes queue by lane and each transaction takes the more urgent lanes first, so a
/// critical turn waits for at most the transaction in progress, never behind a backlog of bulk ones.
/// </summary>
internal sealed partial class SqliteWriter : IAsyncDisposable
{
    private static readonly int Lanes = Enum.GetValues<Priority>().Length;
    /// <summary>Writes of other lanes that may share a transaction with critical ones.</summary>
    private const int CompanionsOfCritical = 32;
    private readonly ConcurrentQueue<WriteOperation>[] _queues = Enumerable.Range(0, Lanes).Select(_ => new ConcurrentQueue<WriteOperation>()).ToArray();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly int _maxPerTransaction;
    private readonly SqliteCheckpointer _checkpointer;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private volatile bool _closed;

    /// <param name="connection">The writer's own connection.</param>
    /// <param name="checkpoints">A second connection to the same file, on which the log is copied into it.</param>
    public SqliteWriter(SqliteConnection connection, SqliteConnection checkpoints, string path, SqliteStorageOptions options, ILogger logger)
    {
        _connection = connection;
        _maxPerTransaction = options.MaxWritesPerTransaction;
        _logger = logger;
        _checkpointer = new SqliteCheckpointer(checkpoints, path, options.WalAutoCheckpointPages, () => _wake.Writer.TryWrite(true), logger);
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Checkpoints that copied the whole log into the database file, so that it could start again.</summary>
    public long Checkpoints => _checkpointer.Checkpoints;

    public Task<T> WriteAsync<T>(Func<WriteSession, T> work, CancellationToken cancellationToken, Priority lane = Priority.Normal)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_closed, this);
        var operation = new WriteOperation<T>(work);
        _queues[(int)lane].Enqueue(operation);
        _wake.Writer.TryWrite(true);
        return operation.Task;
    }

    private async Task RunAsync()
    {
        using var session = new WriteSession(_connection);
        var batch = new List<WriteOperation>(_maxPerTransaction);
        var succeeded = new List<WriteOperation>(_maxPerTransaction);
        while (await _wake.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            _wake.Reader.TryRead(out _);
            _checkpointer.CatchUp(_connection);
            while (Take(batch))
            {
                Commit(session, batch, succeeded);
            }
        }
        // Closed: whatever was queued before the close still commits.
        while (Take(batch))
        {
            Commit(session, batch, succeeded);
        }
    }

    /// <summary>
    /// Fills the batch, most urgent lane first; false when nothing is queued. A transaction that carries critical
    /// writes takes only a few others with it, so the critical turn waits for a short commit, not a full one.
    /// </summary>
    private bool Take(List<WriteOperation> batch)
    {
        batch.Clear();
        var limit = _maxPerTransaction;
        for (var lane = 0; lane < _queues.Length; lane++)
        {
            var queue = _queues[lane];
            while (batch.Count < limit && queue.TryDequeue(out var operation))
            {
                batch.Add(operation);
            }
            if (lane == (int)Priority.Critical && batch.Count > 0)
            {
                limit = Math.Min(_maxPerTransaction, batch.Count + CompanionsOfCritical);
            }
        }
        return batch.Count > 0;
    }

    private void Commit(WriteSession session, List<WriteOperation> batch, List<WriteOperation> succeeded)
    {
        succeeded.Clear();
        try
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            session.Transaction = transaction;
            foreach (var operation in batch)
            {
                // Prepared once: ADO.NET's Save/Release parse a new command each time, a tenth of the writer's time.
                session.Raw("SAVEPOINT op").Execute();
                try
                {
                    operation.Execute(session);
                    session.Raw("RELEASE op").Execute();
                    succeeded.Add(operation);
                }
                catch (Exception exception)
                {
                    session.Raw("ROLLBACK TO op").Execute();
                    session.Raw("RELEASE op").Execute();
                    operation.Fail(exception);
                }
            }
            transaction.Commit();
            session.Transaction = null;
            _checkpointer.Appended(PagesAppended());
            foreach (var operation in succeeded)
            {
                operation.Complete();
            }
            _checkpointer.CatchUp(_connection);
        }
        catch (Exception exception)
        {
            session.Transaction = null;
            LogGroupCommitFailed(_logger, exception, succeeded.Count);
            foreach (var operation in succeeded)
            {
                operation.Fail(exception);
            }
        }
    }

    /// <summary>Pages this connection wrote to the log since the last call.</summary>
    private int PagesAppended()
    {
        SQLitePCL.raw.sqlite3_db_status(_connection.Handle!, SQLitePCL.raw.SQLITE_DBSTATUS_CACHE_WRITE, out var pages, out _, resetFlg: 1);
        return pages;
    }

    public async ValueTask DisposeAsync()
    {
        _closed = true;
        _wake.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        _checkpointer.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A SQLite group commit of {Count} writes failed; each of them is failed.")]
    private static partial void LogGroupCommitFailed(ILogger logger, Exception exception, int count);
}
