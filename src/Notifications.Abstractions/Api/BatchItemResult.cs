namespace Notifications.Api;

/// <summary>The answer for one item of a batch: an id and status, or the error that refused it.</summary>
public sealed record BatchItemResult(int Index, Guid? Id, string Status, string? Error = null, string? Field = null);
