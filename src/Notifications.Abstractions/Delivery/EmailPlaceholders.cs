namespace Notifications.Delivery;

/// <summary>
/// Template variables whose value exists only when the email is sent. Rendering puts a marker in their place; the
/// email sender swaps the marker for the value (the signed unsubscribe link is made per user, from channel settings).
/// </summary>
public static class EmailPlaceholders
{
    /// <summary>The template variable, <c>{{unsubscribeUrl}}</c>: the signed one-click unsubscribe page of the mail's category.</summary>
    public const string UnsubscribeUrl = "unsubscribeUrl";

    /// <summary>What the variable renders to until sending; no HTML escaping changes it, and it is not an http(s) link to track.</summary>
    public const string UnsubscribeUrlMarker = "%%notification-unsubscribe-url%%";
}
