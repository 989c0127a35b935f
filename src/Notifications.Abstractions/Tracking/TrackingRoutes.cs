namespace Notifications.Tracking;

/// <summary>
/// Public paths of the silo that other parties reach on their own: mail clients (open pixel, click redirect, one-click
/// unsubscribe) and providers (status callbacks). The runtime builds links to them; the gateway serves them.
/// </summary>
public static class TrackingRoutes
{
    public const string Open = "api/v1/track/open";
    public const string Click = "api/v1/track/click";
    public const string TwilioStatus = "api/v1/callbacks/twilio/status";
    public const string TwilioWhatsAppInbound = "api/v1/callbacks/twilio/whatsapp";
    public const string Unsubscribe = "api/v1/unsubscribe";
    public const string SignatureParameter = "s";
    public const string UrlParameter = "u";
}
