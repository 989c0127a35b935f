using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Notifications.Delivery;

namespace Notifications.Telemetry;

/// <summary>
/// Every instrument of the product's meter, defined here and only here. Label values are lower-case names
/// (channel "email", lane "bulk") so dashboards do not depend on .NET enum spelling.
/// </summary>
/// <remarks>
/// The meter and its instruments are process-wide, as Orleans' are: OpenTelemetry subscribes to meters by name, so
/// a meter per host (several silos in one test process) would make one host's shutdown end another's series. Each
/// instance is one host's view: it feeds the gauges its sources until it is disposed.
/// </remarks>
public sealed class NotificationMetrics : IDisposable
{
    private static readonly Meter Meter = new(NotificationTelemetry.MeterName);
    private static readonly ConcurrentDictionary<NotificationMetrics, byte> Live = new();
    private static readonly Counter<long> AcceptedCounter =
        Meter.CreateCounter<long>("notifications.accepted", "{notification}", "Notifications acknowledged to a producer (durable), by lane.");
    private static readonly Counter<long> ProcessedCounter =
        Meter.CreateCounter<long>("notifications.processed", "{notification}", "Notifications their user's grain decided on, by the status it gave them.");
    private static readonly Counter<long> SuppressedCounter =
        Meter.CreateCounter<long>("notifications.suppressed", "{notification}", "Notifications that reached no channel, by reason.");
    private static readonly Counter<long> DigestedCounter =
        Meter.CreateCounter<long>("notifications.digested", "{notification}", "Notifications folded into a digest window.");
    private static readonly Counter<long> DeliveredCounter =
        Meter.CreateCounter<long>("notifications.deliveries.sent", "{delivery}", "Delivery attempts the provider accepted, by channel and lane.");
    private static readonly Counter<long> FailedCounter =
        Meter.CreateCounter<long>("notifications.deliveries.failed", "{delivery}", "Delivery attempts that did not go out, by channel, lane and outcome (retrying, failed, dead_lettered, skipped).");
    private static readonly Histogram<double> ProviderDuration =
        Meter.CreateHistogram<double>("notifications.provider.duration", "s", "Time of one provider call, by channel and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    private readonly ConcurrentDictionary<DeliveryChannel, Func<CircuitState>> _circuits = new();
    private Func<IReadOnlyDictionary<(DeliveryChannel Channel, Priority Lane), long>>? _outboxDepth;

    static NotificationMetrics()
    {
        Meter.CreateObservableGauge("notifications.circuit.state", () => Live.Keys.SelectMany(m => m.ObserveCircuits()), "{state}",
            "Provider circuit: 0 closed, 1 open, 2 half-open, 3 isolated.");
        Meter.CreateObservableGauge("notifications.outbox.depth", () => Live.Keys.SelectMany(m => m.ObserveOutbox()), "{delivery}",
            "Deliveries queued or in flight in the outbox, by channel and lane (sampled, a few seconds old at most).");
    }

    public NotificationMetrics() => Live[this] = 0;

    public void Accepted(Priority lane) => AcceptedCounter.Add(1, new KeyValuePair<string, object?>("lane", Label(lane)));

    public void Processed(string status) => ProcessedCounter.Add(1, new KeyValuePair<string, object?>("status", status));

    public void Suppressed(string reason) => SuppressedCounter.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Digested() => DigestedCounter.Add(1);

    public void Delivered(DeliveryChannel channel, Priority lane) => DeliveredCounter.Add(1, ChannelAndLane(channel, lane));

    public void DeliveryFailed(DeliveryChannel channel, Priority lane, string outcome)
    {
        var tags = ChannelAndLane(channel, lane);
        tags.Add("outcome", outcome);
        FailedCounter.Add(1, tags);
    }

    public void ProviderCall(DeliveryChannel channel, DeliveryOutcomeKind outcome, TimeSpan duration) =>
        ProviderDuration.Record(duration.TotalSeconds,
            new KeyValuePair<string, object?>("channel", Label(channel)),
            new KeyValuePair<string, object?>("outcome", Label(outcome)));

    /// <summary>A provider's breaker reports its state through <paramref name="state"/> until this instance is disposed.</summary>
    public void ObserveCircuit(DeliveryChannel channel, Func<CircuitState> state) => _circuits[channel] = state;

    /// <summary>The silo's outbox sampler; the gauge reads its last sample and must not query storage itself.</summary>
    public void ObserveOutboxDepth(Func<IReadOnlyDictionary<(DeliveryChannel Channel, Priority Lane), long>> sample) => _outboxDepth = sample;

    public static string Label<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    public void Dispose() => Live.TryRemove(this, out _);

    private static TagList ChannelAndLane(DeliveryChannel channel, Priority lane) =>
        new() { { "channel", Label(channel) }, { "lane", Label(lane) } };

    private IEnumerable<Measurement<int>> ObserveCircuits() =>
        _circuits.Select(c => new Measurement<int>((int)c.Value(), new KeyValuePair<string, object?>("channel", Label(c.Key))));

    private IEnumerable<Measurement<long>> ObserveOutbox() =>
        (_outboxDepth?.Invoke() ?? new Dictionary<(DeliveryChannel, Priority), long>())
            .Select(d => new Measurement<long>(d.Value, ChannelAndLane(d.Key.Channel, d.Key.Lane)));
}
