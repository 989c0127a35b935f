using Notifications.Testing;

namespace Notifications.Gateway.Tests.Infrastructure;

/// <summary>A silo of the cluster profile's storage: Storage:Provider=Postgres on a private PostgreSQL server of its own.</summary>
public sealed class PostgresSiloFixture : SiloFixture
{
    private PostgresServer? _server;
    private string _connectionString = "";

    private readonly Dictionary<string, string?> _pii = PiiTestKeys.Settings();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(_pii)
    {
        ["Storage:Provider"] = "Postgres",
        ["Storage:Postgres:ConnectionString"] = _connectionString,
    };

    public override async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        _connectionString = await _server.CreateDatabaseAsync("silo");
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
