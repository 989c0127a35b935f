namespace Notifications.Client;

/// <summary>Per-call settings of <see cref="NotificationGrpcClient"/>.</summary>
public sealed record GrpcCallOptions
{
    /// <summary>The whole authorization value, e.g. "Bearer nsk_…"; null sends none.</summary>
    public string? Authorization { get; init; }

    /// <summary>Sent as grpc-timeout and enforced locally: past it the call fails with DEADLINE_EXCEEDED.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>gzip the request message (grpc-encoding: gzip).</summary>
    public bool Compress { get; init; }

    /// <summary>Extra request metadata.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public static GrpcCallOptions Bearer(string token) => new() { Authorization = $"Bearer {token}" };
}
