using System.Text.Json;
using Notifications.Domain.Commands;
using Notifications.Runtime.Storage;

namespace Notifications.Storage.Sqlite;

internal sealed class SqliteCommandLog(SqliteDatabase database, IEnumerable<IAppendObserver> observers) : ICommandLog
{
    private readonly IAppendObserver? _observer = observers.FirstOrDefault();

    // Touched only on the writer thread, so it needs no lock; seeded from the table on first use.
    private long _lastId = -1;

    private const string Reserve = """
        INSERT INTO idempotency (user_id, key, notification_id, expires_at) VALUES ($user, $key, $id, $expires)
        ON CONFLICT (user_id, key) DO UPDATE SET notification_id = excluded.notification_id, expires_at = excluded.expires_at
        WHERE idempotency.expires_at <= $now
        RETURNING notification_id
        """;

    private const string Reserved = "SELECT notification_id FROM idempotency WHERE user_id = $user AND key = $key";

    private const string Append = """
        INSERT INTO commands (partition, lane, id, grain_key, notification_id, payload, enqueued_at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
        """;

    /// <summary>One writer in one process appends, so commit order is stream order and the observer sees it all.</summary>
    public bool HandsOffAppends => _observer is not null;

    public Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<NewCommand> commands, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Serialising outside the writer keeps the single writer thread for SQLite work only.
        var payloads = new byte[commands.Count][];
        for (var i = 0; i < commands.Count; i++)
        {
            payloads[i] = JsonSerializer.SerializeToUtf8Bytes(commands[i].Command, NotificationJson.Options);
        }
        var nowMs = Db.Ms(now);
        return database.WriteAsync<IReadOnlyList<AppendResult>>(session =>
        {
            var results = new AppendResult[commands.Count];
            for (var i = 0; i < commands.Count; i++)
            {
                var command = commands[i];
                if (command.Idempotency is { } reservation)
                {
                    var won = session.Command(Reserve)
                        .With("$user", reservation.UserId).With("$key", reservation.Key)
                        .With("$id", Db.Id(command.NotificationId ?? Guid.Empty)).With("$expires", Db.Ms(reservation.ExpiresAt))
                        .With("$now", nowMs)
                        .ExecuteScalar();
                    if (won is null)
                    {
                        var first = (string)session.Command(Reserved).With("$user", reservation.UserId).With("$key", reservation.Key).ExecuteScalar()!;
                        results[i] = new AppendResult(null, Guid.Parse(first), Duplicate: true);
                        continue;
                    }
                }
                if (_lastId < 0)
                {
                    _lastId = session.Command("SELECT COALESCE(MAX(id), 0) FROM commands").ExecuteScalar() is long max ? max : 0;
                }
                var sequence = ++_lastId;
                session.Raw(Append)
                    .Bind(1, command.Partition).Bind(2, (int)command.Lane).Bind(3, sequence).Bind(4, command.GrainKey)
                    .Bind(5, command.NotificationId is { } id ? Db.Id(id) : null)
                    .BindUtf8(6, payloads[i]).Bind(7, nowMs)
                    .Execute();
                results[i] = new AppendResult(sequence, command.NotificationId, Duplicate: false);
            }
            return results;
        }, cancellationToken, _observer is null ? null : results => HandOff(commands, results));
    }

    private void HandOff(IReadOnlyList<NewCommand> commands, IReadOnlyList<AppendResult> results)
    {
        for (var i = 0; i < commands.Count; i++)
        {
            if (results[i].Sequence is { } sequence)
            {
                var command = commands[i];
                _observer!.OnAppended(command.Partition, new StreamEntry(sequence, false, command.GrainKey, command.Lane, command.Command));
            }
        }
    }
}
