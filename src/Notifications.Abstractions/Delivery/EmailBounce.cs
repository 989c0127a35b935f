namespace Notifications.Delivery;

/// <summary>
/// One recipient's failure from a delivery status notification (RFC 3464), for the email we sent as
/// <paramref name="MessageId"/> (with angle brackets, as the delivery's provider message id shows it).
/// </summary>
/// <param name="Status">The RFC 3463 status code, for example 5.1.1.</param>
/// <param name="DisableAfter">
/// Hard bounces of the address after which email to it is disabled for its user; 0 for a soft bounce, which never disables.
/// </param>
public sealed record EmailBounce(string MessageId, string Recipient, string Status, string? Diagnostic, int DisableAfter)
{
    public bool IsHard => DisableAfter > 0;
}
