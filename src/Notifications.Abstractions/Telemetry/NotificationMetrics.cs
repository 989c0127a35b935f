using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Notifications.Delivery;

namespace Notifications.Telemetry;

/// <summary>
/// Every instrument of the product's meter, defined here and only here. Label values are lower-case names
/// (channel "email", lane "bulk") so dashboards do not depend on .NET enum spelling.
/// </summary>
public sealed class NotificationMetrics : IDisposable
{
    private readonly Meter _meter = new(NotificationTelemetry.MeterName);
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _processed;
    private readonly Counter<long> _suppressed;
    private readonly Counter<long> _digested;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _providerDuration;
    private readonly ConcurrentDictionary<DeliveryChannel, Func<CircuitState>> _circuits = new();
    private Func<IReadOnlyDictionary<(DeliveryChannel Channel, Priority Lane), long>>? _outboxDepth;

    public NotificationMetrics()
    {
        _accepted = _meter.CreateCounter<long>("notifications.accepted", "{notification}", "Notifications acknowledged to a producer (durable), by lane.");
        _processed = _meter.CreateCounter<long>("notifications.processed", "{notification}", "Notifications their user's grain decided on, by the status it gave them.");
        _suppressed = _meter.CreateCounter<long>("notifications.suppressed", "{notification}", "Notifications that reached no channel, by reason.");
        _digested = _meter.CreateCounter<long>("notifications.digested", "{notification}", "Notifications folded into a digest window.");
        _delivered = _meter.CreateCounter<long>("notifications.deliveries.sent", "{delivery}", "Delivery attempts the provider accepted, by channel and lane.");
        _failed = _meter.CreateCounter<long>("notifications.deliveries.failed", "{delivery}", "Delivery attempts that did not go out, by channel, lane and outcome (retrying, failed, dead_lettered, skipped).");
        _providerDuration = _meter.CreateHistogram<double>("notifications.provider.duration", "s", "Time of one provider call, by channel and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _meter.CreateObservableGauge("notifications.circuit.state", ObserveCircuits, "{state}", "Provider circuit: 0 closed, 1 open, 2 half-open, 3 isolated.");
        _meter.CreateObservableGauge("notifications.outbox.depth", ObserveOutbox, "{delivery}", "Deliveries queued or in flight in the outbox, by channel and lane (sampled, a few seconds old at most).");
    }

    public void Accepted(Priority lane) => _accepted.Add(1, new KeyValuePair<string, object?>("lane", Label(lane)));

    public void Processed(string status) => _processed.Add(1, new KeyValuePair<string, object?>("status", status));

    public void Suppressed(string reason) => _suppressed.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Digested() => _digested.Add(1);

    public void Delivered(DeliveryChannel channel, Priority lane) => _delivered.Add(1, ChannelAndLane(channel, lane));

    public void DeliveryFailed(DeliveryChannel channel, Priority lane, string outcome)
    {
        var tags = ChannelAndLane(channel, lane);
        tags.Add("outcome", outcome);
        _failed.Add(1, tags);
    }

    public void ProviderCall(DeliveryChannel channel, DeliveryOutcomeKind outcome, TimeSpan duration) =>
        _providerDuration.Record(duration.TotalSeconds,
            new KeyValuePair<string, object?>("channel", Label(channel)),
            new KeyValuePair<string, object?>("outcome", Label(outcome)));

    /// <summary>A provider's breaker reports its state through <paramref name="state"/> for as long as this meter lives.</summary>
    public void ObserveCircuit(DeliveryChannel channel, Func<CircuitState> state) => _circuits[channel] = state;

    /// <summary>The silo's outbox sampler; the gauge reads its last sample and must not query storage itself.</summary>
    public void ObserveOutboxDepth(Func<IReadOnlyDictionary<(DeliveryChannel Channel, Priority Lane), long>> sample) => _outboxDepth = sample;

    public static string Label<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    public void Dispose() => _meter.Dispose();

    private static TagList ChannelAndLane(DeliveryChannel channel, Priority lane) =>
        new() { { "channel", Label(channel) }, { "lane", Label(lane) } };

    private IEnumerable<Measurement<int>> ObserveCircuits() =>
        _circuits.Select(c => new Measurement<int>((int)c.Value(), new KeyValuePair<string, object?>("channel", Label(c.Key))));

    private IEnumerable<Measurement<long>> ObserveOutbox() =>
        (_outboxDepth?.Invoke() ?? new Dictionary<(DeliveryChannel, Priority), long>())
            .Select(d => new Measurement<long>(d.Value, ChannelAndLane(d.Key.Channel, d.Key.Lane)));
}
