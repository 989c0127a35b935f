namespace Notifications.Api;

public sealed record BatchSendResponse(int Accepted, int Rejected, IReadOnlyList<BatchItemResult> Results);
