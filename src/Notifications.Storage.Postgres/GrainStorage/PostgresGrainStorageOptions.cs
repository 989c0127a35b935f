using Orleans.Storage;

namespace Notifications.Storage.Postgres.GrainStorage;

/// <summary>
/// Options of one named PostgreSQL grain storage. Grain state lives in the cluster's database (Storage:Postgres)
/// beside the record stores; every named storage shares one batch writer, so their writes travel together.
/// </summary>
public sealed class PostgresGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>How states are turned into bytes; defaults to JSON with the API's options, sealed with the Security:Pii keys.</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;

    /// <summary>When set, clearing a grain's state deletes its row; otherwise the row stays with an empty state and its version.</summary>
    public bool DeleteStateOnClear { get; set; } = true;
}
