namespace Notifications;

/// <summary>A channel as a user and a producer think of it; preferences are expressed in these.</summary>
public enum ChannelKind
{
    InApp,
    Push,
    Email,
    Sms,
}
