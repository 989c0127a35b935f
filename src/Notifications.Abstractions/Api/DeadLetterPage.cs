namespace Notifications.Api;

/// <param name="NextCursor">Pass back as cursor for the next (older) page; null on the last page.</param>
public sealed record DeadLetterPage(IReadOnlyList<DeadLetterView> DeadLetters, string? NextCursor);
