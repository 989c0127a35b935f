using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Notifications.Storage.Postgres;

/// <summary>
/// Versioned schema migrations (Migrations/NNNN_name.sql, embedded), applied in order at start-up in one transaction.
/// Several silos may start at once: the transaction first takes a PostgreSQL advisory lock, so one silo migrates
/// while the others wait and then find the schema current. Never edit a migration that has shipped: add the next one.
/// </summary>
internal sealed partial class PostgresMigrations(PostgresDatabase database, ILogger<PostgresMigrations> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The advisory lock's key: any constant every silo agrees on ("NotifSch" in ASCII).</summary>
    private const long LockKey = 0x4E6F74696653_6368;

    private static readonly IReadOnlyList<(int Version, string Name, string Sql)> Migrations = Load();

    /// <summary>Before anything else of the silo touches storage (reminders, grain state, templates).</summary>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgresMigrations), ServiceLifecycleStage.RuntimeInitialize - 1, InitializeAsync);

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            await using (var command = new Npgsql.NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
            {
                command.Parameters.AddWithValue("key", LockKey);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await using (var command = new Npgsql.NpgsqlCommand("""
                CREATE TABLE IF NOT EXISTS schema_version (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            int current;
            await using (var command = new Npgsql.NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection, transaction))
            {
                current = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            }
            var latest = Migrations.Count == 0 ? 0 : Migrations[^1].Version;
            if (current > latest)
            {
                throw new InvalidOperationException($"The PostgreSQL database '{connection.Database}' has schema version {current}, newer than this silo knows ({latest}). Upgrade the silo.");
            }
            foreach (var (version, name, sql) in Migrations.Where(m => m.Version > current))
            {
                await using (var command = new Npgsql.NpgsqlCommand(sql, connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                await using (var command = new Npgsql.NpgsqlCommand("INSERT INTO schema_version (version, name) VALUES (@version, @name)", connection, transaction))
                {
                    command.Parameters.AddWithValue("version", version);
                    command.Parameters.AddWithValue("name", name);
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                LogApplied(logger, version, name, connection.Database);
            }
            return current;
        }, cancellationToken);

    private static List<(int, string, string)> Load()
    {
        var assembly = typeof(PostgresMigrations).Assembly;
        var migrations = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var name = resource["Migrations.".Length..^".sql".Length];
            var underscore = name.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(name.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"The embedded migration '{resource}' is not named NNNN_name.sql.");
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add((version, name, reader.ReadToEnd()));
        }
        migrations.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Item1 != i + 1)
            {
                throw new InvalidOperationException($"The embedded migrations are not numbered 1, 2, 3 … without gaps (found {migrations[i].Item1} at position {i + 1}).");
            }
        }
        return migrations;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied PostgreSQL migration {Version} ({Name}) to database {Database}.")]
    private static partial void LogApplied(ILogger logger, int version, string name, string database);
}
