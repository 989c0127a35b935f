using Orleans.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

internal static class StorageSiloBuilderExtensions
{
    public const string ProviderKey = "Storage:Provider";
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>The storage named by Storage:Provider (default Sqlite). An unknown name stops start-up rather than silently using another store.</summary>
    public static ISiloBuilder AddConfiguredStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        var provider = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(provider) || string.Equals(provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return silo.AddSqliteStorage(configuration);
        }
        if (string.Equals(provider, Postgres, StringComparison.OrdinalIgnoreCase))
        {
            return silo.AddPostgresStorage(configuration);
        }
        throw new InvalidOperationException($"{ProviderKey} is '{provider}', which this silo does not support; supported: {Sqlite}, {Postgres}.");
    }
}
