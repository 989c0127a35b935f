namespace Notifications.Storage.Sqlite;

/// <summary>Configuration section "Storage:Sqlite".</summary>
public sealed class SqliteStorageOptions
{
    public const string Section = "Storage:Sqlite";

    /// <summary>The database file; relative paths are relative to the working directory. Its folder is created.</summary>
    public string Path { get; set; } = "data/notifications.db";
    /// <summary>FULL fsyncs every commit (survives power loss); NORMAL survives process crashes only.</summary>
    public string Synchronous { get; set; } = "FULL";
    /// <summary>The writer's page cache and the readers' memory map, in MiB. Sized for the hot part of the database.</summary>
    public int CacheSizeMb { get; set; } = 1024;
    /// <summary>Most queued writes (appends, batch commits) gathered into one transaction.</summary>
    public int MaxWritesPerTransaction { get; set; } = 512;
}
