namespace Notifications.Grains.Tests.Streams;

public static class StreamTestNames
{
    /// <summary>The stream provider of the silos under test: SQLite (<see cref="StreamSiloConfigurator"/>) or PostgreSQL (<see cref="PostgresStreamSiloConfigurator"/>).</summary>
    public const string Provider = "test-streams";

    /// <summary>The namespace the recording consumer subscribes to implicitly.</summary>
    public const string Namespace = "recorded";
}
