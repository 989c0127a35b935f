namespace Notifications.Api;

/// <summary>Which part of the inbox a list or bulk change covers. Active: neither archived nor snoozed now.</summary>
public enum InboxState
{
    Active,
    Unread,
    Archived,
    Snoozed,
    All,
}
