using System.Text.RegularExpressions;
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

    [Fact]
    public async Task A_delivery_worker_claims_its_due_jobs_through_the_partial_index()
    {
        // The index covers only queued and sending jobs; a claim that does not use it reads every job ever made.
        var plan = await PlanAsync(SqliteDeliveryStore.ClaimDue);

        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN deliveries", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("USING INDEX ix_deliveries_due", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_campaigns_funnel_reads_its_range_of_one_index_and_no_table_row()
    {
        // A console polls a running campaign's progress: at a million recipients, a row per recipient read from the
        // table (or its inbox row and jobs) is what outlasted a grain call.
        var plan = await PlanAsync(SqliteCampaignStore.FunnelSql);

        Assert.Equal(["SEARCH notifications USING COVERING INDEX ix_notifications_campaign (campaign_id=?)"], plan);
    }

    /// <summary>The plan of <paramref name="statement"/>, each of its parameters bound to a JSON array (json_each takes it, a comparison ignores it).</summary>
    private Task<List<string>> PlanAsync(string statement) =>
        _store.Services.GetRequiredService<SqliteDatabase>().ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + statement;
            foreach (var name in Regex.Matches(statement, @"[$?]\w+").Select(m => m.Value).Distinct())
            {
                command.Parameters.Add(new SqliteParameter(name, "[\"a\"]"));
            }
            using var reader = command.ExecuteReader();
            var steps = new List<string>();
            while (reader.Read())
            {
                steps.Add(reader.GetString(3));
            }
            return steps;
        }, CancellationToken.None);
}
