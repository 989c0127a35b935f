using System.Diagnostics;

namespace Notifications.Telemetry;

/// <summary>
/// The names the product publishes its telemetry under, and its one activity source: a trace per notification
/// runs from the gateway request through the user's grain turn to the provider call.
/// </summary>
public static class NotificationTelemetry
{
    public const string MeterName = "NotificationSilo";
    public const string ActivitySourceName = "NotificationSilo";

    /// <summary>The meter Orleans publishes its own instruments under.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
}
