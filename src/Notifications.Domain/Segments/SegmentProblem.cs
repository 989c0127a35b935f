namespace Notifications.Domain.Segments;

/// <summary>Why a segment rule cannot be used: the field (as the API names it) and what is wrong with it.</summary>
public sealed record SegmentProblem(string Field, string Message);
