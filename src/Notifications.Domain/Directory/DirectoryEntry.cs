namespace Notifications.Domain.Directory;

/// <summary>
/// What segments select users by, as the user's grain last wrote it: one row per registered user, replaced whenever
/// the profile is written (never per notification).
/// </summary>
public sealed record DirectoryEntry(
    string UserId,
    IReadOnlyList<string> Tags,
    string? Locale,
    string? TimeZone,
    DateTimeOffset RegisteredAt)
{
    /// <summary>The primary language subtag of <see cref="Locale"/>, lower case ("fr" of "fr-CA"); null without a locale.</summary>
    public string? Language => Locales.LanguageOf(Locale);
}
