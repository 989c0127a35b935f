using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Storage.Sqlite;

namespace Notifications.Storage.Tests.Sqlite;

/// <summary>
/// Statements run in every turn of their kind must find their rows through an index: a scan costs as much as the
/// table is big, so it passes every functional test and only shows as a rate that sinks while the table grows.
/// </summary>
public sealed class SqliteQueryPlanTests : IAsyncLifetime
{
    private readonly SqliteTestStore _store = new("sqlite-plans");

    public Task InitializeAsync() => _store.OpenAsync();

    public async Task DisposeAsync()
    {
        await _store.CloseAsync();
        _store.Dispose();
    }

    [Fact]
    public async Task A_profile_write_finds_the_users_old_tags_through_an_index()
    {
        var plan = await PlanAsync(SqliteEffectStore.DeleteDroppedTags);

        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN user_tags", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("ix_user_tags_user", StringComparison.Ordinal));
    }

    private Task<List<string>> PlanAsync(string statement) =>
        _store.Services.GetRequiredService<SqliteDatabase>().ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + statement;
            command.Parameters.Add(new SqliteParameter("?1", "some-user"));
            command.Parameters.Add(new SqliteParameter("?2", "[\"a\"]"));
            using var reader = command.ExecuteReader();
            var steps = new List<string>();
            while (reader.Read())
            {
                steps.Add(reader.GetString(3));
            }
            return steps;
        }, CancellationToken.None);
}
