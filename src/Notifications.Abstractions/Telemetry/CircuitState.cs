namespace Notifications.Telemetry;

/// <summary>A provider's circuit as the circuit-state gauge reports it.</summary>
public enum CircuitState
{
    Closed = 0,
    Open = 1,
    HalfOpen = 2,
    Isolated = 3,
}
