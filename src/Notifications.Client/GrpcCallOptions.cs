using Grpc.Core;

namespace Notifications.Client;

/// <summary>Per-call settings of <see cref="NotificationGrpcClient"/>.</summary>
public sealed record GrpcCallOptions
{
    /// <summary>grpc-dotnet's request-metadata switch for compressing the request message.</summary>
    private const string RequestEncodingKey = "grpc-internal-encoding-request";

    /// <summary>The whole authorization value, e.g. "Bearer nsk_…"; null sends none.</summary>
    public string? Authorization { get; init; }

    /// <summary>Sent as grpc-timeout and enforced locally: past it the call fails with DEADLINE_EXCEEDED.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>gzip the request message (grpc-encoding: gzip).</summary>
    public bool Compress { get; init; }

    /// <summary>Extra request metadata.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public static GrpcCallOptions Bearer(string token) => new() { Authorization = $"Bearer {token}" };

    internal static CallOptions ToCallOptions(GrpcCallOptions? options, TimeProvider time, CancellationToken cancellationToken)
    {
        var metadata = new Metadata();
        if (options?.Authorization is { } authorization)
        {
            metadata.Add("authorization", authorization);
        }

        if (options?.Compress == true)
        {
            metadata.Add(RequestEncodingKey, "gzip");
        }

        foreach (var (name, value) in options?.Headers ?? new Dictionary<string, string>())
        {
            metadata.Add(name, value);
        }

        DateTime? deadline = options?.Timeout is { } timeout ? time.GetUtcNow().UtcDateTime + timeout : null;
        return new CallOptions(metadata, deadline, cancellationToken);
    }
}
