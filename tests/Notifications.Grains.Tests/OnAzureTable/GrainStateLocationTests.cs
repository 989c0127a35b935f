using Azure.Data.Tables;
using Microsoft.Data.Sqlite;
using Notifications.Grains.Tests.Infrastructure;
using Notifications.Model;

namespace Notifications.Grains.Tests.OnAzureTable;

/// <summary>Storage:GrainState=AzureTable moves the grain state, and only it: the user's records stay in the SQLite file.</summary>
[Collection(AzureTableClusterCollection.Name)]
public sealed class GrainStateLocationTests(AzureTableClusterFixture cluster)
{
    [Fact]
    public async Task The_users_state_is_one_sealed_Azure_Table_entity_and_the_records_store_holds_no_grain_state()
    {
        var user = ClusterFixture.NewUser("where");
        await cluster.Silo(0).Users.UpsertAsync(user, new UserProfile { DisplayName = "Located", Email = "located@example.com" }, default);
        var sent = await cluster.Silo(1).Notifications.SendAsync(Requests.Inline(user, "hello"), default);
        await cluster.WaitForInboxAsync(user, 1, "the notification in the SQLite inbox");

        var table = new TableClient(cluster.AzureTableConnectionString, "NotificationGrainState");
        var entities = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            if (entity.RowKey.Contains(user, StringComparison.Ordinal) || entity.PartitionKey.Contains(user, StringComparison.Ordinal))
            {
                entities.Add(entity);
            }
        }
        var state = Assert.Single(entities);
        // Sealed like every grain state (Security:Pii): nothing of the user's in clear, and it reads back whole.
        var stored = System.Text.Encoding.UTF8.GetString(state.GetBinary("Data"));
        Assert.DoesNotContain("located@example.com", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Located", stored, StringComparison.Ordinal);
        Assert.Equal("located@example.com", (await cluster.Silo(2).Users.GetAsync(user, default))!.Profile.Email);

        await using var sqlite = new SqliteConnection($"Data Source={cluster.DatabasePath};Mode=ReadOnly");
        await sqlite.OpenAsync();
        await using var count = sqlite.CreateCommand();
        count.CommandText = "SELECT count(*) FROM grain_state";
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
        Assert.NotNull(await cluster.NotificationAsync(sent.Id));
    }
}
