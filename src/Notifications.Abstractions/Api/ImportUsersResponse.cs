namespace Notifications.Api;

public sealed record ImportUsersResponse(int Imported, int Unavailable, IReadOnlyList<UserImportResult> Results);
