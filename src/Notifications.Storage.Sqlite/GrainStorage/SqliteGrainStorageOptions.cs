using Orleans.Storage;

namespace Notifications.Storage.Sqlite.GrainStorage;

/// <summary>
/// Options of one named SQLite grain storage. Grain state lives in the silo's SQLite file (Storage:Sqlite:Path)
/// beside the record stores, so states and records queue at the same writer and commit in the same transactions.
/// </summary>
public sealed class SqliteGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>How states are turned into bytes; defaults to JSON with the API's options (readable in the file).</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;

    /// <summary>When set, clearing a grain's state deletes its row; otherwise the row stays with an empty state and its version.</summary>
    public bool DeleteStateOnClear { get; set; } = true;
}
