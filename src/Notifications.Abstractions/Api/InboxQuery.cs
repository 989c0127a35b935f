namespace Notifications.Api;

/// <summary>A validated <see cref="InboxFilter"/>: what the store and the user's grain work with.</summary>
public sealed record InboxQuery(InboxState State = InboxState.Active, string? Category = null, string? Tag = null)
{
    public static readonly InboxQuery Active = new();
}
