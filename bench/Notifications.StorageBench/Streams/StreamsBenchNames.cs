namespace Notifications.StorageBench.Streams;

internal static class StreamsBenchNames
{
    public const string Sqlite = "bench-sqlite";
    public const string Memory = "bench-memory";
    public const string Postgres = "bench-postgres";

    /// <summary>The namespace the counting consumer subscribes to implicitly, on either provider.</summary>
    public const string Namespace = "bench";
}
