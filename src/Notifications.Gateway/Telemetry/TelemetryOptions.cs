using OpenTelemetry.Exporter;

namespace Notifications.Gateway.Telemetry;

/// <summary>Metrics and traces of the silo. Bound from the "Telemetry" configuration section.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Serve Prometheus' text format on <see cref="PrometheusPath"/>, on the API's own port.</summary>
    public bool PrometheusEnabled { get; set; } = true;

    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>
    /// Open by default, because scrapers rarely carry credentials and the page holds counts, not data; Admin asks
    /// for an admin-scope API key as a bearer token (Prometheus' <c>authorization</c> setting).
    /// </summary>
    public MetricsAccess PrometheusAccess { get; set; } = MetricsAccess.Open;

    /// <summary>An OTLP collector (absolute http:// or https:// URL); when set, metrics and traces are exported there too.</summary>
    public string? OtlpEndpoint { get; set; }

    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>Record traces even without an OTLP endpoint (for an exporter added by the host). On whenever OTLP is set.</summary>
    public bool Tracing { get; set; }

    /// <summary>
    /// The share of new traces recorded (0 to 1); a request that arrives with a sampled trace context is always recorded.
    /// Tracing every notification costs CPU on the accept path (docs/benchmarks.md).
    /// </summary>
    public double TraceSampleRatio { get; set; } = 1.0;

    public bool TracingEnabled => Tracing || !string.IsNullOrWhiteSpace(OtlpEndpoint);

    public Uri? OtlpUri => Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
}
