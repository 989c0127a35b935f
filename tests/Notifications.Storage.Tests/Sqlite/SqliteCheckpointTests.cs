using Microsoft.Extensions.DependencyInjection;
using Notifications.Storage.Sqlite;
using Notifications.Testing;

namespace Notifications.Storage.Tests.Sqlite;

/// <summary>
/// The write-ahead log is copied into the database file beside the writer, not inside one of its commits (a commit
/// that checkpoints holds every write queued behind it), and it still starts again from its beginning, so it does
/// not grow without end.
/// </summary>
public sealed class SqliteCheckpointTests : IAsyncLifetime
{
    private const int PagesPerCheckpoint = 100;
    private const int PageBytes = 4096;
    private const int Rounds = 30;

    private readonly SqliteTestStore _store = new("sqlite-checkpoints", services =>
        services.Configure<SqliteStorageOptions>(options => options.WalAutoCheckpointPages = PagesPerCheckpoint));

    private SqliteDatabase Database => _store.Services.GetRequiredService<SqliteDatabase>();

    public async Task InitializeAsync()
    {
        await _store.OpenAsync();
        await Database.WriteAsync(session => session.Raw("CREATE TABLE filler (id INTEGER PRIMARY KEY, body BLOB NOT NULL)").Execute(), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _store.CloseAsync();
        _store.Dispose();
    }

    [Fact]
    public async Task The_writers_commits_never_checkpoint_the_log_themselves()
    {
        var pages = await Database.WriteAsync(session => session.Raw("PRAGMA wal_autocheckpoint").ExecuteInt64(), CancellationToken.None);

        Assert.Equal(0, pages);
    }

    [Fact]
    public async Task Once_the_log_is_copied_it_starts_again_so_it_stays_near_its_threshold()
    {
        // Each round appends more than a checkpoint's worth of pages and waits until the log was copied whole. Had the
        // log never started again, it would hold every round: Rounds × 1.5 × the threshold.
        for (var round = 1; round <= Rounds; round++)
        {
            await AppendPagesAsync(PagesPerCheckpoint * 3 / 2);
            var expected = round;
            await Eventually.Until(() => Database.Writer.Checkpoints >= expected, $"checkpoint {expected} of the log");
        }

        var logBytes = new FileInfo(_store.Path + "-wal").Length;
        Assert.True(logBytes < 4L * PagesPerCheckpoint * PageBytes, $"The log is {logBytes} bytes after {Rounds} checkpoints of {PagesPerCheckpoint} pages.");
        var rows = await Database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM filler";
            return (long)command.ExecuteScalar()!;
        }, CancellationToken.None);
        Assert.Equal(Rounds * (PagesPerCheckpoint * 3 / 2), rows);
    }

    /// <summary>About one page per row: a blob of most of a page.</summary>
    private Task AppendPagesAsync(int pages) =>
        Database.WriteAsync(session =>
        {
            var body = new byte[PageBytes - 200];
            Random.Shared.NextBytes(body);
            var insert = session.Raw("INSERT INTO filler (body) VALUES (?1)");
            for (var i = 0; i < pages; i++)
            {
                insert.BindBlob(1, body).Execute();
            }
            return pages;
        }, CancellationToken.None);
}
