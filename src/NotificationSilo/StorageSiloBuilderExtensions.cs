using Azure.Data.Tables;
using Notifications.Grains;
using Notifications.Grains.Privacy;
using Notifications.Grains.Storage;
using NotificationSilo;
using Orleans.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

internal static class StorageSiloBuilderExtensions
{
    public const string ProviderKey = "Storage:Provider";
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
    public const string GrainStateKey = "Storage:GrainState";
    public const string DefaultGrainState = "Default";
    public const string AzureTable = "AzureTable";
    public const string AzureTableConnectionStringKey = "Storage:AzureTable:ConnectionString";
    public const string AzureTableNameKey = "Storage:AzureTable:TableName";
    public const string DefaultAzureTableName = "NotificationGrainState";

    /// <summary>Storage:Provider names SQLite, or nothing (the embedded default).</summary>
    public static bool IsSqlite(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[ProviderKey]) || string.Equals(configuration[ProviderKey]!.Trim(), Sqlite, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The storage named by Storage:Provider (default Sqlite) for the record stores, and for grain state unless
    /// Storage:GrainState moves it to Azure Table. Reminders stay with the storage unless the cluster keeps them in
    /// Redis. An unknown name stops start-up rather than silently using another store.
    /// </summary>
    public static ISiloBuilder AddConfiguredStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        var provider = configuration[ProviderKey];
        var failures = new List<string>();
        var grainStateOnAzure = GrainStateOnAzureTable(configuration, failures);
        var reminders = !ClusterSettings.UsesRedisReminders(configuration);
        if (IsSqlite(configuration))
        {
            silo.AddSqliteStorage(configuration, grainState: !grainStateOnAzure, reminders: reminders);
        }
        else if (string.Equals(provider, Postgres, StringComparison.OrdinalIgnoreCase))
        {
            silo.AddPostgresStorage(configuration, grainState: !grainStateOnAzure, reminders: reminders);
        }
        else
        {
            throw new InvalidOperationException($"{ProviderKey} is '{provider}', which this silo does not support; supported: {Sqlite}, {Postgres}.");
        }
        if (grainStateOnAzure)
        {
            silo.AddAzureTableGrainState(configuration, failures);
        }
        silo.Services.AddConfigurationFailures(failures);
        return silo;
    }

    private static bool GrainStateOnAzureTable(IConfiguration configuration, List<string> failures)
    {
        var choice = configuration[GrainStateKey];
        if (string.IsNullOrWhiteSpace(choice) || string.Equals(choice, DefaultGrainState, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (string.Equals(choice, AzureTable, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        failures.Add($"{GrainStateKey} is '{choice}'; it must be {DefaultGrainState} (grain state in the records store) or {AzureTable}.");
        return false;
    }

    /// <summary>
    /// Every grain storage the grains use, on Azure Table. The user grain writes its state together with the turn's
    /// pending effects in that one entity write, so the record stores may live elsewhere without losing atomicity;
    /// Azure Table's ETag check fences a stale activation.
    /// </summary>
    private static void AddAzureTableGrainState(this ISiloBuilder silo, IConfiguration configuration, List<string> failures)
    {
        var connectionString = configuration[AzureTableConnectionStringKey];
        TableServiceClient? client = null;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            failures.Add($"{AzureTableConnectionStringKey} is empty; {GrainStateKey}={AzureTable} needs it (for example UseDevelopmentStorage=true or DefaultEndpointsProtocol=https;AccountName=...).");
        }
        else
        {
            try
            {
                client = new TableServiceClient(connectionString);
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
            {
                failures.Add($"{AzureTableConnectionStringKey} is not an Azure Storage connection string: {exception.Message}");
            }
        }
        var table = configuration[AzureTableNameKey] is { Length: > 0 } name ? name : DefaultAzureTableName;
        if (!AzureStorageNames.IsTableName(table))
        {
            failures.Add($"{AzureTableNameKey} is '{table}'; {AzureStorageNames.TableRule}.");
        }
        if (client is null || failures.Count > 0)
        {
            return;
        }
        var serializer = new JsonGrainStateSerializer();
        foreach (var storage in GrainStorageNames.All)
        {
            // Sealed like every grain state (Security:Pii): a user's state holds their addresses, numbers and tokens.
            silo.AddAzureTableGrainStorage(storage, builder => builder.Configure<PiiProtector>((options, pii) =>
            {
                options.TableServiceClient = client;
                options.TableName = table;
                options.GrainStorageSerializer = pii.Sealing(serializer);
            }));
        }
    }
}
