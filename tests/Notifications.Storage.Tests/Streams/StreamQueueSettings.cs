namespace Notifications.Storage.Tests.Streams;

/// <summary>How the conformance kit wants the provider configured; each provider maps these onto its own options.</summary>
public sealed record StreamQueueSettings(string Provider, int QueueCount, int BatchSize, int MaxMessageBytes)
{
    public static StreamQueueSettings Kit { get; } = new("kit-streams", QueueCount: 4, BatchSize: 16, MaxMessageBytes: 1024 * 1024);
}
