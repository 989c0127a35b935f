namespace Notifications.Api;

/// <summary>The answer to an action click: where the client goes next (null: stay).</summary>
public sealed record InboxActionResult(string? Url);
