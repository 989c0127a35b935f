namespace Notifications;

/// <summary>A channel as a user and a producer think of it; preferences are expressed in these.</summary>
public enum ChannelKind
{
    InApp,
    Push,
    Email,
    Sms,
    /// <summary>
    /// The producer's own HTTPS endpoint, signed: the URL comes from the notification type's webhookUrl (or the
    /// silo's default), never from the user. Users can still switch it off like any other channel.
    /// </summary>
    Webhook,
}
