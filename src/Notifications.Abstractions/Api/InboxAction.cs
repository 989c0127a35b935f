namespace Notifications.Api;

/// <summary>A button on an inbox item. <paramref name="Url"/> is where the client goes after the click is recorded; null for an in-app action.</summary>
public sealed record InboxAction(string Id, string Label, string? Url);
