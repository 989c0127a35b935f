using System.Text.Json.Serialization;

namespace Notifications.Api;

/// <summary>A button on an inbox item. <paramref name="Url"/> is where the client goes after the click is recorded; null for an in-app action.</summary>
/// <param name="Url">Written as an explicit null (the contract's <c>url: string|null</c>), unlike the API's other absent values.</param>
public sealed record InboxAction(
    string Id,
    string Label,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Url);
