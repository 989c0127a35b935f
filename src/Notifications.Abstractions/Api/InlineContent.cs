namespace Notifications.Api;

/// <summary>Ad-hoc text used instead of a registered type's templates.</summary>
public sealed record InlineContent(string Title, string Body);
