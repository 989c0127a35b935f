namespace Notifications.Storage.Postgres;

/// <summary>Configuration section "Storage:Postgres".</summary>
public sealed class PostgresStorageOptions
{
    public const string Section = "Storage:Postgres";

    /// <summary>An Npgsql connection string, for example <c>Host=db;Database=notifications;Username=silo;Password=…</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Most grain-state writes (of different grains) sent to the server together in one batch.</summary>
    public int MaxGrainWritesPerBatch { get; set; } = 1000;

    /// <summary>Grain-state batches sent before the previous ones returned, each on its own connection (pipelining).</summary>
    public int GrainBatchesInFlight { get; set; } = 2;

    /// <summary>Most grain turns whose records (notifications, inbox rows, delivery jobs) are committed together in one batch.</summary>
    public int MaxEffectTurnsPerBatch { get; set; } = 1000;

    /// <summary>Record batches sent before the previous ones committed, each on its own connection (pipelining).</summary>
    public int EffectBatchesInFlight { get; set; } = 2;
}
