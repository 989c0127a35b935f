using System.Text.Json.Serialization;

namespace Notifications.Api;

/// <summary>The answer to an action click: where the client goes next (null: stay), always written, null included.</summary>
public sealed record InboxActionResult([property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Url);
