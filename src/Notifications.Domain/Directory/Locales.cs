namespace Notifications.Domain.Directory;

/// <summary>BCP 47 matching as segments use it: "fr" selects fr, fr-FR and fr-CA; "fr-CA" selects only fr-CA. Case-insensitive.</summary>
public static class Locales
{
    public static string? LanguageOf(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }
        var dash = locale.IndexOf('-', StringComparison.Ordinal);
        return (dash < 0 ? locale : locale[..dash]).ToLowerInvariant();
    }

    public static bool Matches(string wanted, string? locale) =>
        locale is not null
        && (string.Equals(wanted, locale, StringComparison.OrdinalIgnoreCase)
            || (locale.Length > wanted.Length && locale[wanted.Length] == '-'
                && locale.StartsWith(wanted, StringComparison.OrdinalIgnoreCase)));
}
