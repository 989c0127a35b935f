namespace Notifications.Api;

/// <summary>What <c>POST /bulk</c> does to the items its filter covers.</summary>
public enum InboxBulkAction
{
    Read,
    Archive,
    Unarchive,
}
