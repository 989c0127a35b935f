namespace Notifications.GrpcBench;

/// <summary>One transport's measured phase: successful unary Send calls, failures and latency percentiles in milliseconds.</summary>
internal sealed record TransportResult(string Transport, long Calls, long Failures, double CallsPerSecond, double P50Ms, double P99Ms, double MaxMs);
