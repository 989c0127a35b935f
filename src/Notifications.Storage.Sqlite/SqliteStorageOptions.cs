namespace Notifications.Storage.Sqlite;

/// <summary>Configuration section "Storage:Sqlite".</summary>
public sealed class SqliteStorageOptions
{
    public const string Section = "Storage:Sqlite";

    /// <summary>The database file; relative paths are relative to the working directory. Its folder is created.</summary>
    public string Path { get; set; } = "data/notifications.db";
    /// <summary>FULL fsyncs every commit (survives power loss); NORMAL survives process crashes only.</summary>
    public string Synchronous { get; set; } = "FULL";
    /// <summary>
    /// The writer's page cache, in MiB. Not larger: while the file is under 1 GiB, SQLite walks every cached page at
    /// the end of each transaction that reordered b-tree pages, which nearly every group commit does (measured in
    /// docs/benchmarks.md: at 1 GiB the walk grew to a tenth of the silo's CPU within a minute of load).
    /// </summary>
    public int CacheSizeMb { get; set; } = 64;
    /// <summary>How much of the file every connection maps into memory, in MiB: reads of mapped pages copy nothing.</summary>
    public int MmapSizeMb { get; set; } = 1024;
    /// <summary>
    /// Pages written to the WAL after which the checkpointer copies the log into the database file, on its own
    /// connection beside the writer. Larger values copy a page that many commits touched once instead of many
    /// times, at the cost of a larger log file (50,000 pages is ~200 MB; measured in docs/benchmarks.md: 19.5k/s at
    /// SQLite's default of 1,000, 24.3k/s at 50,000).
    /// </summary>
    public int WalAutoCheckpointPages { get; set; } = 50_000;
    /// <summary>Most queued writes (appends, batch commits) gathered into one transaction.</summary>
    public int MaxWritesPerTransaction { get; set; } = 512;
}
