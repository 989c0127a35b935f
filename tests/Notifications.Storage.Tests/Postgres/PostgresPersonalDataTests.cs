using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Notifications.Delivery;
using Notifications.Domain.Effects;
using Notifications.Grains.Storage;
using Notifications.Grains.Users;
using Notifications.Storage.Postgres.GrainStorage;
using Notifications.Storage.Tests.GrainStorage;

namespace Notifications.Storage.Tests.Postgres;

/// <summary>Personal data at rest in the cluster's database: what a store writes is sealed, and opens again where it leaves the store.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPersonalDataTests(PostgresFixture fixture)
{
    [Fact]
    public async Task Delivery_targets_and_grain_states_are_stored_sealed_and_read_back_in_the_clear()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync("pii");
        await using var silo = PostgresTestStore.Build(connectionString);
        await silo.GetRequiredService<Notifications.Storage.Postgres.PostgresMigrations>().InitializeAsync(CancellationToken.None);
        var id = Guid.NewGuid();
        var content = new RenderedContent("t", "b", null, "c", null, new Dictionary<string, string>());
        await silo.GetRequiredService<IEffectStore>().ApplyAsync(new PendingEffects(1, Priority.Normal, [], [],
            [new DeliveryJob(id, "ada", DeliveryChannel.Email, "ada@example.com", Priority.Normal, DateTimeOffset.UnixEpoch, "k1", content)]), default);
        var storage = PostgresGrainStorageFactory.Create(silo, PostgresTestStore.DeletingRows);
        await storage.WriteStateAsync("profile", GrainId.Create("user", "ada"), new ProfileGrainState(new ProfileState { Name = "ada@example.com" }));

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var target = new NpgsqlCommand("SELECT target FROM deliveries", connection);
            var stored = (string)(await target.ExecuteScalarAsync())!;
            Assert.StartsWith("pii:", stored, StringComparison.Ordinal);
            Assert.DoesNotContain("ada", stored, StringComparison.Ordinal);
            await using var state = new NpgsqlCommand("SELECT payload FROM grain_state", connection);
            Assert.DoesNotContain("ada@example.com", Encoding.UTF8.GetString((byte[])(await state.ExecuteScalarAsync())!), StringComparison.Ordinal);
        }

        var claimed = Assert.Single(await silo.GetRequiredService<IDeliveryStore>().ClaimAsync(DeliveryChannel.Email, Priority.Normal, 10, DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1), default));
        Assert.Equal("ada@example.com", claimed.Request.Target);
        var read = new ProfileGrainState();
        await storage.ReadStateAsync("profile", GrainId.Create("user", "ada"), read);
        Assert.Equal("ada@example.com", read.State.Name);
    }
}
