using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using SQLitePCL;

namespace Notifications.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log into the database file, mostly on a connection and thread of its own. SQLite's
/// automatic checkpoint runs inside the commit that crosses the threshold, so that commit, and every critical write
/// queued behind it, waited while tens of megabytes were copied and the database file was fsynced: 45-120 ms,
/// every few seconds under load (docs/benchmarks.md).
/// <para>
/// A passive checkpoint takes no lock the writer needs, so the copying runs here, beside the writer's commits, in
/// rounds until a round finds little new. But the log starts again from its beginning only once a checkpoint has
/// copied all of it, and the writer appends while a round copies; so the writer copies the last few pages itself
/// between two transactions (<see cref="CatchUp"/>), and its next transaction restarts the log.
/// </para>
/// </summary>
internal sealed partial class SqliteCheckpointer : IDisposable
{
    /// <summary>A round that found no more new pages than this leaves the rest to the writer.</summary>
    private const int CatchUpPages = 1_000;
    /// <summary>Rounds before the writer is handed the rest, however much it is: a writer faster than the copy.</summary>
    private const int MaxRounds = 8;

    private readonly SqliteConnection _connection;
    private readonly SafeFileHandle _file;
    private readonly int _pagesPerCheckpoint;
    private readonly Action _wakeWriter;
    private readonly ILogger _logger;
    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _thread;
    private long _pagesSinceRequest;
    private long _checkpoints;
    private volatile bool _catchUpDue;
    private volatile bool _closed;

    /// <param name="connection">A connection of its own to the database at <paramref name="path"/>.</param>
    /// <param name="wakeWriter">Has the writer call <see cref="CatchUp"/> soon, even while nothing else is queued.</param>
    public SqliteCheckpointer(SqliteConnection connection, string path, int pagesPerCheckpoint, Action wakeWriter, ILogger logger)
    {
        _connection = connection;
        // Held open until the database closes: closing any descriptor of the file drops the process's POSIX locks
        // on it, which SQLite's connections rely on.
        _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        _pagesPerCheckpoint = pagesPerCheckpoint;
        _wakeWriter = wakeWriter;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "SQLite checkpointer" };
        _thread.Start();
    }

    /// <summary>Checkpoints that copied the whole log into the database file, so that it could start again.</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Told by the writer after each commit how many pages it appended to the log; only the writer calls it.</summary>
    public void Appended(int pages)
    {
        _pagesSinceRequest += pages;
        if (_pagesSinceRequest < _pagesPerCheckpoint)
        {
            return;
        }
        _pagesSinceRequest = 0;
        // Requests while rounds run fold into one: the next round copies whatever the log holds by then.
        _wake.Set();
    }

    /// <summary>
    /// Run by the writer between transactions, on its own connection, once the rounds are done: copies what they
    /// left, so the whole log is in the database file and the next transaction writes the log from its start.
    /// </summary>
    public void CatchUp(SqliteConnection writer)
    {
        if (!_catchUpDue)
        {
            return;
        }
        _catchUpDue = false;
        if (TryCheckpoint(writer, out var logged, out var copied) && copied == logged)
        {
            Interlocked.Increment(ref _checkpoints);
            LogCaughtUp(_logger, logged);
        }
    }

    private void Run()
    {
        try
        {
            // A connection learns that the file is in WAL mode when it first reads it; until then a checkpoint does nothing.
            using var command = _connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            command.ExecuteScalar();
        }
        catch (SqliteException exception)
        {
            LogCheckpointFailed(_logger, exception);
        }
        while (true)
        {
            _wake.WaitOne();
            if (_closed)
            {
                return;
            }
            var copiedBefore = 0;
            for (var round = 1; round <= MaxRounds; round++)
            {
                if (!TryCheckpoint(_connection, out _, out var copied))
                {
                    break;
                }
                if (copied > copiedBefore)
                {
                    Flush();
                }
                if (copied - copiedBefore <= CatchUpPages)
                {
                    break;
                }
                copiedBefore = copied;
            }
            _catchUpDue = true;
            _wakeWriter();
        }
    }

    /// <summary>
    /// SQLite syncs the database file only after a checkpoint that reached the end of the log, which a round beside
    /// a busy writer never does; unsynced, every page copied here would be flushed by the writer's catch-up instead.
    /// </summary>
    private void Flush()
    {
        try
        {
            RandomAccess.FlushToDisk(_file);
        }
        catch (IOException exception)
        {
            LogCheckpointFailed(_logger, exception);
        }
    }

    /// <summary>False when it did not run: another checkpoint was running (the next request copies this one's share), or it failed.</summary>
    private bool TryCheckpoint(SqliteConnection connection, out int logged, out int copied)
    {
        try
        {
            var result = raw.sqlite3_wal_checkpoint_v2(connection.Handle!, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out logged, out copied);
            if (result == raw.SQLITE_OK)
            {
                return true;
            }
            if (result != raw.SQLITE_BUSY)
            {
                throw new SqliteException($"A WAL checkpoint failed: {raw.sqlite3_errmsg(connection.Handle!).utf8_to_string()}", result);
            }
        }
        catch (Exception exception)
        {
            // The log only grows until the next request; nothing written is at risk.
            LogCheckpointFailed(_logger, exception);
        }
        logged = copied = 0;
        return false;
    }

    public void Dispose()
    {
        _closed = true;
        _wake.Set();
        _thread.Join();
        _connection.Dispose();
        _file.Dispose();
        _wake.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "WAL checkpoint: all {Logged} logged pages are in the database file; the log starts again.")]
    private static partial void LogCaughtUp(ILogger logger, int logged);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A WAL checkpoint failed; the next one will copy what this one did not.")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
