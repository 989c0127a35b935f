using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Notifications.Storage.Sqlite;

/// <summary>
/// SQLite has one writer at a time, so the silo has exactly one: every write (API appends, partition
/// batch commits, inbox updates) queues here, and whatever is queued commits together in one transaction
/// (group commit). One fsync then acknowledges many requests. Each operation runs under its own savepoint,
/// so one failing operation does not fail its neighbours.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private readonly Channel<WriteOperation> _queue = Channel.CreateUnbounded<WriteOperation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly int _maxPerTransaction;
    private readonly ILogger _logger;
    private readonly Task _loop;

    public SqliteWriter(SqliteConnection connection, int maxPerTransaction, ILogger logger)
    {
        _connection = connection;
        _maxPerTransaction = maxPerTransaction;
        _logger = logger;
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public Task<T> WriteAsync<T>(Func<WriteSession, T> work, CancellationToken cancellationToken, Action<T>? onCommitted = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var operation = new WriteOperation<T>(work, onCommitted);
        if (!_queue.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(nameof(SqliteWriter), "The SQLite writer is shut down.");
        }
        return operation.Task;
    }

    private async Task RunAsync()
    {
        using var session = new WriteSession(_connection);
        var batch = new List<WriteOperation>(_maxPerTransaction);
        var succeeded = new List<WriteOperation>(_maxPerTransaction);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            succeeded.Clear();
            while (batch.Count < _maxPerTransaction && _queue.Reader.TryRead(out var operation))
            {
                batch.Add(operation);
            }
            try
            {
                using var transaction = _connection.BeginTransaction(deferred: false);
                session.Transaction = transaction;
                foreach (var operation in batch)
                {
                    transaction.Save("op");
                    try
                    {
                        operation.Execute(session);
                        transaction.Release("op");
                        succeeded.Add(operation);
                    }
                    catch (Exception exception)
                    {
                        transaction.Rollback("op");
                        transaction.Release("op");
                        operation.Fail(exception);
                    }
                }
                transaction.Commit();
                session.Transaction = null;
                foreach (var operation in succeeded)
                {
                    try
                    {
                        operation.Complete();
                    }
                    catch (Exception exception)
                    {
                        _logger.LogError(exception, "A committed write's completion callback failed.");
                    }
                }
            }
            catch (Exception exception)
            {
                session.Transaction = null;
                _logger.LogError(exception, "A SQLite group commit of {Count} writes failed.", succeeded.Count);
                foreach (var operation in succeeded)
                {
                    operation.Fail(exception);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
