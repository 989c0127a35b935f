using System.Collections.Concurrent;
using Notifications.Api.Operations;
using Notifications.Delivery;
using Polly.CircuitBreaker;

namespace Notifications.Channels.Resilience;

/// <summary>What one provider's bulkhead has seen on this silo: every real call's outcome and its breaker's state.</summary>
internal sealed class ProviderHealthTracker(DeliveryChannel channel, CircuitBreakerStateProvider circuit, TimeProvider time)
{
    public const int RecentErrorCount = 10;

    private readonly ConcurrentDictionary<string, long> _failures = new(StringComparer.Ordinal);
    private readonly Queue<ProviderError> _recent = new();
    private long _attempts;
    private long _sent;

    public void Record(DeliveryOutcome outcome)
    {
        Interlocked.Increment(ref _attempts);
        if (outcome.Kind is DeliveryOutcomeKind.Sent or DeliveryOutcomeKind.Skipped)
        {
            Interlocked.Increment(ref _sent);
            return;
        }
        RecordFailure(outcome.Kind.ToString(), outcome.Reason);
    }

    public void Record(Exception exception)
    {
        Interlocked.Increment(ref _attempts);
        RecordFailure("Exception", $"{exception.GetType().Name}: {exception.Message}");
    }

    public ProviderHealthView Snapshot()
    {
        ProviderError[] recent;
        lock (_recent)
        {
            recent = [.. _recent.Reverse()];
        }
        return new ProviderHealthView(channel, Name(circuit.CircuitState), Interlocked.Read(ref _attempts), Interlocked.Read(ref _sent),
            new Dictionary<string, long>(_failures, StringComparer.Ordinal), recent);
    }

    /// <summary>Names as the console and the admin API show them; "isolated" is an operator's manual break.</summary>
    public static string Name(CircuitState state) => state switch
    {
        CircuitState.Closed => "closed",
        CircuitState.Open => "open",
        CircuitState.HalfOpen => "halfOpen",
        CircuitState.Isolated => "isolated",
        _ => state.ToString(),
    };

    private void RecordFailure(string kind, string? reason)
    {
        _failures.AddOrUpdate(kind, 1, static (_, count) => count + 1);
        lock (_recent)
        {
            _recent.Enqueue(new ProviderError(time.GetUtcNow(), kind, reason));
            while (_recent.Count > RecentErrorCount)
            {
                _recent.Dequeue();
            }
        }
    }
}
