namespace Notifications.Gateway.Auth;

/// <summary>
/// Marks a page an operator opens in a browser (the console, the Orleans dashboard): without a credential it
/// redirects to the sign-in page instead of answering 401, and it accepts the console's session cookie.
/// </summary>
internal sealed class OperatorPageMetadata
{
    public static readonly OperatorPageMetadata Instance = new();
}
