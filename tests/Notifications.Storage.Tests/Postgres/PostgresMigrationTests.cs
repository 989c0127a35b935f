using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Notifications.Storage.Postgres;

namespace Notifications.Storage.Tests.Postgres;

/// <summary>Start-up migrations: versioned, idempotent, and safe when several silos start on an empty database at once.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMigrationTests(PostgresFixture fixture)
{
    [Fact]
    public async Task Silos_starting_at_once_on_an_empty_database_migrate_it_once_and_starting_again_changes_nothing()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync("migrate");
        var silos = Enumerable.Range(0, 4).Select(_ => PostgresTestStore.Build(connectionString)).ToList();
        try
        {
            // Without the advisory lock two of these would race on CREATE TABLE and one would fail.
            await Task.WhenAll(silos.Select(s => Task.Run(() => s.GetRequiredService<PostgresMigrations>().InitializeAsync(CancellationToken.None))));
            var applied = await VersionsAsync(connectionString);
            Assert.NotEmpty(applied);
            Assert.Equal(Enumerable.Range(1, applied.Count), applied);

            await silos[0].GetRequiredService<PostgresMigrations>().InitializeAsync(CancellationToken.None);
            Assert.Equal(applied, await VersionsAsync(connectionString));
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_silo_is_refused_with_both_versions_named()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync("newer");
        await using var silo = PostgresTestStore.Build(connectionString);
        await silo.GetRequiredService<PostgresMigrations>().InitializeAsync(CancellationToken.None);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("INSERT INTO schema_version (version, name) SELECT MAX(version) + 1, 'from the future' FROM schema_version", connection);
            await command.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.GetRequiredService<PostgresMigrations>().InitializeAsync(CancellationToken.None));
        Assert.Contains("newer than this silo knows", refused.Message);
    }

    private static async Task<List<int>> VersionsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version FROM schema_version ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }
        return versions;
    }
}
