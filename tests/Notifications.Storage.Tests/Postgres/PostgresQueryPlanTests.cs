using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Storage.Postgres;
using Npgsql;

namespace Notifications.Storage.Tests.Postgres;

/// <summary>
/// Statements run in every turn of their kind must find their rows through an index, also in the generic plan a
/// prepared statement settles on after a few executions, which cannot look at the values bound to it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresQueryPlanTests(PostgresFixture fixture)
{
    [Fact]
    public async Task A_delivery_worker_claims_its_due_jobs_through_the_partial_index_in_a_generic_plan()
    {
        // Tried: the claim prepared with a generic plan forced and sequential scans priced out (on an empty table a
        // scan is cheapest, which would hide the question). Must hold: the plan reads ix_deliveries_due, the index of
        // queued and sending jobs only; a claim that cannot use it reads every job ever made.
        var plan = await GenericPlanAsync(PostgresDeliveryStore.ClaimDue);

        Assert.Contains(plan, step => step.Contains("ix_deliveries_due", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_campaigns_funnel_reads_its_range_of_one_index_and_no_other_table_in_a_generic_plan()
    {
        // Must hold: the funnel a console polls reads the campaign's notifications through ix_notifications_campaign
        // and nothing else; joining each to its inbox row and jobs is what outlasted a grain call at a million.
        var plan = await GenericPlanAsync(PostgresCampaignStore.FunnelSql);

        Assert.Contains(plan, step => step.Contains("ix_notifications_campaign", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains(" on inbox", StringComparison.Ordinal) || step.Contains(" on deliveries", StringComparison.Ordinal));
    }

    private async Task<List<string>> GenericPlanAsync(string statement)
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync("plans");
        await using (var services = PostgresTestStore.Build(connectionString))
        {
            await services.GetRequiredService<PostgresMigrations>().InitializeAsync(CancellationToken.None);
        }
        // Npgsql's @names become PREPARE's $1, $2, … in order of first use; EXECUTE binds them all to NULL, which a
        // generic plan does not look at.
        var names = Regex.Matches(statement, @"@(\w+)").Select(m => m.Groups[1].Value).Distinct().ToList();
        var positional = Regex.Replace(statement, @"@(\w+)", m => "$" + (names.IndexOf(m.Groups[1].Value) + 1));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var setUp = new NpgsqlCommand($"SET plan_cache_mode = force_generic_plan; SET enable_seqscan = off; PREPARE planned AS {positional}", connection))
        {
            await setUp.ExecuteNonQueryAsync();
        }
        await using var explain = new NpgsqlCommand($"EXPLAIN EXECUTE planned({string.Join(", ", names.Select(_ => "NULL"))})", connection);
        await using var reader = await explain.ExecuteReaderAsync();
        var steps = new List<string>();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(0));
        }
        return steps;
    }
}
