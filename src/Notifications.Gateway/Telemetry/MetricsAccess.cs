namespace Notifications.Gateway.Telemetry;

/// <summary>Who may read the Prometheus endpoint.</summary>
public enum MetricsAccess
{
    /// <summary>Anyone who reaches the port (keep it off the public network, or put it behind the proxy's own rule).</summary>
    Open,
    /// <summary>A producer key with the admin scope, sent as a bearer token.</summary>
    Admin,
}
