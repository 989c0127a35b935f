namespace Notifications.Storage.Tests.Postgres;

/// <summary>The PostgreSQL tests share one server (<see cref="PostgresFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
