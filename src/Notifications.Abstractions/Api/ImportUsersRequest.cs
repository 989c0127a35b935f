namespace Notifications.Api;

/// <summary>Users to create or replace, each with its profile and devices in one turn of its grain.</summary>
public sealed record ImportUsersRequest(IReadOnlyList<UserImportItem>? Users);
